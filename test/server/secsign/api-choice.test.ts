/**
 * SECSIGN_API's choice over real HTTP with two embedded ID servers: one that speaks only the form
 * protocol (an ID server older than 10.7.5) and one that speaks REST v2 too. `auto` asks ServerInfo
 * at the start and again after a call failed; a session is always asked about over the API that
 * created it; `rest` without a PIN account fails closed and says so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { createApiChoice } from '../../../server/secsign/api-choice.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { createRestClient } from '../../../server/secsign/rest-client.js';
import { AuthSessionState, SecSignError } from '../../../server/secsign/types.js';
import { startSim, type RunningSim } from './helpers.js';

const ACCOUNT = { account: 'pin', password: 'sim-only' };
const INPUT = {
  secSignId: 'alice',
  serviceName: 'x',
  serviceAddress: 'https://x',
  showAccessPass: true,
};

describe('SECSIGN_API: auto, rest, form', () => {
  let old: RunningSim;
  let modern: RunningSim;
  before(async () => {
    old = await startSim();
    modern = await startSim({ rest: ACCOUNT });
  });
  after(async () => {
    await old.close();
    await modern.close();
  });
  const rest = (url: string) =>
    createRestClient({ servers: [{ url, ...ACCOUNT }], timeoutMs: 2_000 });

  test('auto: REST where ServerInfo answers; after the REST server fails, asks again and falls back', async () => {
    const restSim = await startSim({ rest: ACCOUNT });
    const choice = createApiChoice({
      mode: 'auto',
      form: createHttpApiClient({ servers: [old.url], timeoutMs: 2_000 }),
      rest: rest(restSim.url),
      clock: new ManualClock(),
    });
    const first = await choice.decide();
    assert.equal(first.api, 'rest');
    const session = await choice.requestAuthSession(INPUT);
    assert.equal(session.api, 'rest');
    assert.equal(restSim.sim.sessions().at(-1)!.api, 'rest');
    await restSim.close();
    await assert.rejects(
      choice.getAuthSessionState(session),
      (e: unknown) => e instanceof SecSignError && e.code === 'unreachable',
    );
    // The failure made the decision stale: the next sign-in asks ServerInfo again, gets no answer,
    // and goes over the form protocol to the server that speaks it.
    const next = await choice.requestAuthSession(INPUT);
    assert.equal(next.api, 'form');
    assert.equal(choice.status().api, 'form');
    assert.match(choice.status().reason, /did not answer ServerInfo/);
    assert.equal(old.sim.sessions().at(-1)!.authSessionId, next.authSessionId);
    assert.equal(await choice.getAuthSessionState(next), AuthSessionState.PENDING);
  });

  test('a form session is still asked about over the form protocol after REST was chosen', async () => {
    const choice = createApiChoice({
      mode: 'auto',
      form: createHttpApiClient({ servers: [modern.url], timeoutMs: 2_000 }),
      rest: rest(modern.url),
      clock: new ManualClock(),
    });
    const formSession = await createHttpApiClient({ servers: [modern.url] }).requestAuthSession(
      INPUT,
    );
    await choice.decide();
    assert.equal(choice.status().api, 'rest');
    modern.sim.setState(formSession.authSessionId, AuthSessionState.AUTHENTICATED);
    assert.equal(await choice.getAuthSessionState(formSession), AuthSessionState.AUTHENTICATED);
  });

  test('auto without a PIN account: the form protocol, and why', async () => {
    const choice = createApiChoice({
      mode: 'auto',
      form: createHttpApiClient({ servers: [modern.url] }),
      rest: null,
      clock: new ManualClock(),
    });
    const s = await choice.decide();
    assert.equal(s.api, 'form');
    assert.match(s.reason, /no PIN account/);
    assert.equal(await choice.secSignIdExists('alice'), null);
  });

  test('rest without a PIN account fails closed and is not usable', async () => {
    const choice = createApiChoice({
      mode: 'rest',
      form: createHttpApiClient({ servers: [modern.url] }),
      rest: null,
      clock: new ManualClock(),
    });
    const s = await choice.decide();
    assert.equal(s.usable, false);
    await assert.rejects(
      choice.requestAuthSession(INPUT),
      (e: unknown) => e instanceof SecSignError && e.code === 'unreachable',
    );
    assert.equal(modern.sim.sessions().filter((x) => x.api === 'form').length, 1);
  });

  test('exists: only over REST', async () => {
    const choice = createApiChoice({
      mode: 'rest',
      form: createHttpApiClient({ servers: [modern.url] }),
      rest: rest(modern.url),
      clock: new ManualClock(),
    });
    await choice.decide();
    assert.equal(await choice.secSignIdExists('Bob'), true);
    assert.equal(await choice.secSignIdExists('bobby'), false);
  });
});
