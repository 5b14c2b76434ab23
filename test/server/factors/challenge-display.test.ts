/**
 * A challenge's display is its factor's own (issue 25, part 1): the login step that starts a
 * challenge puts the display the factor's `SecondFactor` made into the pending answer as it is,
 * beside the fields every challenge answers with, and records the identifier as the outside
 * service spelled it — without knowing what the display holds. The challenge here is one written
 * for the test against the `SecondFactor` seam (a number-matching push, its display a number to
 * pick), put where the app's challenges are (`LoginDeps.factors`); SecSign ID's own answer keeps
 * its wire format (test/server/login/login-flow.test.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loginDeps } from '../../../server/domain/login/login-wiring.js';
import { beginSecondFactor } from '../../../server/domain/login/steps/begin-factor.js';
import { findTransaction } from '../../../server/store/login-transactions.js';
import type { SecondFactor } from '../../../server/factors/second-factor.js';
import { outsideDecision } from '../../support/zone-decisions.js';
import { startFixture, OUTSIDE, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const outside = outsideDecision(OUTSIDE);

/** Starts a challenge for bob.sec with `factor` where the app's SecSign ID challenge would be. */
const startWith = (factor: SecondFactor) =>
  beginSecondFactor({ ...loginDeps(f.providers), factors: { secsign: factor } }, outside, {
    user: null,
    factor: 'secsign',
    identifier: 'bob.sec',
    proven: [],
    auditName: 'bob.sec',
  });

test('the pending answer carries the display the factor made, as it made it', async () => {
  const started: string[] = [];
  const numberMatch: SecondFactor<{ factor: 'secsign'; pick: number; device: string }> = {
    name: 'secsign',
    async start(identifier) {
      started.push(identifier);
      return {
        state: { push: 'p-1' },
        display: { factor: 'secsign', pick: 42, device: 'Phone of Bob' },
        identifier: identifier.toUpperCase(),
        expiresAt: f.clock.now() + 60_000,
        pollAfterMs: 1_500,
      };
    },
    check: async () => ({ outcome: 'waiting', pollAfterMs: 1_500, detail: 1 }),
    cancel: async () => undefined,
  };
  const answer = await startWith(numberMatch);
  assert.deepEqual(started, ['bob.sec']);
  const { transaction, ...rest } = answer as unknown as Record<string, unknown>;
  assert.deepEqual(rest, {
    status: 'secsign_pending',
    factor: 'secsign',
    pick: 42,
    device: 'Phone of Bob',
    expiresAt: new Date(f.clock.now() + 60_000).toISOString(),
    pollAfterMs: 1_500,
  });
  const t = await findTransaction(f.db, transaction);
  assert.equal(t?.identifier, 'BOB.SEC', 'the identifier as the outside service spelled it');
  assert.deepEqual(t?.factorState, { push: 'p-1' });
});

test("SecSign ID's pending answer keeps its wire fields, no more and no fewer", async () => {
  const res = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'bob.sec' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body).sort(), [
    'accessPass',
    'deepLink',
    'expiresAt',
    'factor',
    'pollAfterMs',
    'secSignId',
    'status',
    'transaction',
  ]);
  assert.equal(res.body.factor, 'secsign');
  assert.equal(res.body.secSignId, 'bob.sec');
});

test('a display cannot overwrite the fields every challenge answers with', async () => {
  const sneaky: SecondFactor = {
    name: 'secsign',
    start: async () => ({
      state: {},
      display: { factor: 'secsign', status: 'signed_in', transaction: 'forged' } as never,
      expiresAt: f.clock.now() + 60_000,
      pollAfterMs: 2_000,
    }),
    check: async () => ({ outcome: 'waiting', pollAfterMs: 2_000, detail: 1 }),
    cancel: async () => undefined,
  };
  const answer = await startWith(sneaky);
  assert.equal(answer.status, 'secsign_pending');
  assert.notEqual(answer.transaction, 'forged');
  assert.ok(await findTransaction(f.db, answer.transaction));
});
