/**
 * The REST v2 client against the embedded ID server over real HTTP (the simulator's REST side is
 * written from SecSign's connectors, demo/secsign-sim/rest-routes.ts), and the failover rule it
 * shares with the httpapi client: the next server only when this one was not reached or answered
 * 2xx with something that is not SecSign's.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRestClient } from '../../../server/secsign/rest-client.js';
import { AuthSessionState, SecSignError } from '../../../server/secsign/types.js';
import { closedPortUrl, startRaw, startSim, type RunningSim } from './helpers.js';

const ACCOUNT = { account: 'jira-pin', password: 'sim-only secret' };
const INPUT = {
  secSignId: 'Alice',
  serviceName: 'Jira',
  serviceAddress: 'https://jira.example.com',
  showAccessPass: true,
};
const isCode = (code: string) => (e: unknown) => e instanceof SecSignError && e.code === code;

describe('REST v2 client against the simulator', () => {
  let run: RunningSim;
  before(async () => {
    run = await startSim({ rest: { account: ACCOUNT.account, password: ACCOUNT.password } });
  });
  after(() => run.close());
  beforeEach(() => run.sim.reset());
  const client = () => createRestClient({ servers: [{ url: run.url, ...ACCOUNT }] });

  test('a whole auth session: pending, approved on the phone, the id as the server holds it', async () => {
    const session = await client().requestAuthSession(INPUT);
    const held = run.sim.sessions().at(-1)!;
    assert.equal(session.authSessionId, held.authSessionId);
    assert.equal(held.serviceAddress, 'https://jira.example.com');
    assert.equal(held.showAccessPass, true);
    assert.match(session.accessPassIcon, /^iVBORw0KGgo/);
    assert.equal(await client().getAuthSessionState(session), AuthSessionState.PENDING);
    run.sim.setState(session.authSessionId, AuthSessionState.AUTHENTICATED);
    assert.equal(await client().getAuthSessionState(session), AuthSessionState.AUTHENTICATED);
  });

  test('every failure state comes back as the same number the form protocol uses', async () => {
    const session = await client().requestAuthSession(INPUT);
    for (const state of [2, 4, 5, 6, 7, 8] as AuthSessionState[]) {
      run.sim.setState(session.authSessionId, state);
      assert.equal(await client().getAuthSessionState(session), state);
    }
  });

  test('DELETE cancels the session at the server', async () => {
    const session = await client().requestAuthSession(INPUT);
    assert.equal(await client().cancelAuthSession(session), AuthSessionState.CANCELED);
    assert.equal(run.sim.sessions().at(-1)!.state, AuthSessionState.CANCELED);
  });

  test('without access pass icons the phone asks only accept/deny', async () => {
    const session = await client().requestAuthSession({ ...INPUT, showAccessPass: false });
    assert.equal(session.accessPassIcon, '');
    assert.equal(run.sim.sessions().at(-1)!.showAccessPass, false);
  });

  test('unknown ID, frozen ID, wrong PIN account', async () => {
    await assert.rejects(
      client().requestAuthSession({ ...INPUT, secSignId: 'nobody' }),
      isCode('no_such_id'),
    );
    run.sim.freeze('alice');
    await assert.rejects(client().requestAuthSession(INPUT), isCode('id_frozen'));
    const wrong = createRestClient({
      servers: [{ url: run.url, account: ACCOUNT.account, password: 'wrong' }],
    });
    await assert.rejects(
      wrong.serverInfo(),
      (e: unknown) => isCode('server_error')(e) && /PIN account/.test((e as Error).message),
    );
  });

  test('ServerInfo and "does this ID exist?"', async () => {
    assert.deepEqual(await client().serverInfo(), { major: 10, minor: 7, patch: 5 });
    assert.equal(await client().secSignIdExists('BOB'), true);
    assert.equal(await client().secSignIdExists('bobb'), false);
  });
});

describe('REST v2 client: an ID server older than 10.7.5 and failover', () => {
  test('a server without REST makes ServerInfo fail (the sign that it is older)', async () => {
    const old = await startSim();
    try {
      const c = createRestClient({ servers: [{ url: old.url, ...ACCOUNT }] });
      await assert.rejects(c.serverInfo(), isCode('server_error'));
    } finally {
      await old.close();
    }
  });

  test('not reached → the next server answers; 2xx that is not SecSign → the next', async () => {
    const run = await startSim({ rest: { ...ACCOUNT } });
    const html = await startRaw((_req, res) => res.end('<html>proxy</html>'));
    try {
      for (const first of [await closedPortUrl(), html.url]) {
        const c = createRestClient({
          servers: [
            { url: first, ...ACCOUNT },
            { url: run.url, ...ACCOUNT },
          ],
        });
        const session = await c.requestAuthSession(INPUT);
        assert.equal(run.sim.sessions().at(-1)!.authSessionId, session.authSessionId);
      }
    } finally {
      await html.close();
      await run.close();
    }
  });

  test('an HTTP error status is an answer: the second server is not asked', async () => {
    const run = await startSim({ rest: { ...ACCOUNT } });
    const failing = await startRaw((_req, res) => {
      res.statusCode = 500;
      res.end('{"error":500}');
    });
    try {
      const c = createRestClient({
        servers: [
          { url: failing.url, ...ACCOUNT },
          { url: run.url, ...ACCOUNT },
        ],
      });
      await assert.rejects(c.requestAuthSession(INPUT), isCode('server_error'));
      assert.equal(run.sim.sessions().length, 0);
    } finally {
      await failing.close();
      await run.close();
    }
  });
});
