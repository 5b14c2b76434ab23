/**
 * The SecSign ID factor through the `SecondFactor` interface, against the embedded ID server over
 * real HTTP: start gives the state to keep and what the widget shows (access pass, deep link, the
 * ID server's expiry); check says waiting, proven, or failed (denied counts against the person,
 * cancelled and suspended do not); cancel ends the request at the ID server; a state that is not
 * what start wrote fails closed.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSecSignFactor,
  type SecSignDisplay,
} from '../../../../server/factors/secsign/challenge.js';
import type { SecondFactor } from '../../../../server/factors/second-factor.js';
import { createHttpApiClient } from '../../../../server/secsign/client.js';
import { AuthSessionState } from '../../../../server/secsign/types.js';
import { isAppError } from '../../../../server/platform/errors.js';
import { startTestServer, type TestServer } from '../../../support/test-server.js';

let server: TestServer;
let factor: SecondFactor<SecSignDisplay>;

before(async () => {
  server = await startTestServer();
  factor = createSecSignFactor({
    secsign: createHttpApiClient({ servers: server.config.secsignServers, timeoutMs: 5_000 }),
    config: server.config,
    clock: server.clock,
  });
});
after(() => server.close());
// The ID server freezes an ID that gets several requests at once (as SecSign's does): start afresh.
beforeEach(() => {
  server.sim.reset();
  server.sim.registerId('erin.sec');
});

const newest = () => server.sim.sessions().at(-1)!;

describe('SecSign ID as a SecondFactor', () => {
  test('start: state to keep, the access pass, the deep link and the expiry', async () => {
    const started = await factor.start('erin.sec');
    assert.equal(factor.name, 'secsign');
    assert.deepEqual(Object.keys(started.state).sort(), [
      'authSessionId',
      'requestId',
      'secSignId',
    ]);
    assert.equal(started.state.secSignId, 'erin.sec');
    assert.equal(started.display.factor, 'secsign');
    assert.match(started.display.accessPass ?? '', /^data:image\/png;base64,/);
    assert.match(started.display.deepLink, /^com\.secsign\.secsignid:\/\/\?secsignid=erin\.sec&/);
    assert.equal(started.expiresAt, server.clock.now() + server.config.secsignRequestTtlMs);
    assert.equal(await factor.check(started.state).then((c) => c.outcome), 'waiting');
  });

  test('check: proven once the phone accepts', async () => {
    const { state } = await factor.start('erin.sec');
    server.sim.setState(newest().authSessionId, AuthSessionState.AUTHENTICATED);
    assert.deepEqual(await factor.check(state), { outcome: 'proven' });
  });

  test('check: denied fails and counts; suspended fails and does not count', async () => {
    const denied = await factor.start('erin.sec');
    server.sim.setState(newest().authSessionId, AuthSessionState.DENIED);
    const d = await factor.check(denied.state);
    assert.ok(d.outcome === 'failed' && d.counts && d.error.code === 'secsign_denied');
    const suspended = await factor.start('erin.sec');
    server.sim.setState(newest().authSessionId, AuthSessionState.SUSPENDED);
    const s = await factor.check(suspended.state);
    assert.ok(s.outcome === 'failed' && !s.counts && s.error.code === 'secsign_suspended');
  });

  test('cancel ends the request at the ID server', async () => {
    const { state } = await factor.start('erin.sec');
    await factor.cancel(state);
    assert.equal(newest().state, AuthSessionState.CANCELED);
  });

  test('a state that start did not write fails closed, without asking the ID server', async () => {
    const c = await factor.check({ secSignId: 'erin.sec' });
    assert.ok(c.outcome === 'failed' && c.error.code === 'secsign_invalid');
  });

  test('an unknown SecSign ID cannot start', async () => {
    await assert.rejects(factor.start('nobody.at.all'), (e) => isAppError(e) && e.status === 404);
  });
});
