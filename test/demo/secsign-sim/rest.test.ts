/**
 * The embedded ID server's REST v2 side spoken to directly, with requests written out as SecSign's
 * Java connector builds them (SecSignRESTConnector.java: preemptive Basic, `Content-type:
 * application/json`, the query encoded by URLEncoder) — not through our client: the PIN account is
 * required, a session's id is a bare JSON number (a Java long), the Javadoc's rule that title and
 * description together replace the access pass holds, `SecSignId/{id}?exist` answers, and bad
 * input gets a 4xx JSON answer, never a 500.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, type RunningSim } from '../../server/secsign/helpers.js';

const ACCOUNT = 'jira-pin';
const PASSWORD = 'sim-only pässword';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT}:${PASSWORD}`, 'utf8').toString('base64')}`;
/** `"?secsignid=" + URLEncoder.encode(…)` … as the Java connector's getAuthSession writes it. */
const QUERY =
  'secsignid=Alice&servicename=Jira+%26+Confluence&serviceaddress=https%3A%2F%2Fjira.example.com&showaccesspassicons=true';

describe('embedded ID server: REST v2 as the connectors call it', () => {
  let run: RunningSim;
  before(async () => {
    run = await startSim({ rest: { account: ACCOUNT, password: PASSWORD } });
  });
  after(() => run.close());

  async function call(method: string, path: string, authorization = BASIC) {
    const res = await fetch(run.url + path, {
      method,
      headers: { Authorization: authorization, 'Content-type': 'application/json' },
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  }

  test('every call needs the PIN account: none, a wrong one → 401', async () => {
    for (const auth of ['', `Basic ${Buffer.from(`${ACCOUNT}:wrong`).toString('base64')}`]) {
      const r = await call('GET', '/rest/v2/PluginRegistration/ServerInfo', auth);
      assert.equal(r.status, 401);
    }
  });

  test('ServerInfo: the three version parts', async () => {
    const r = await call('GET', '/rest/v2/PluginRegistration/ServerInfo');
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.text), { majorVersion: 10, minorVersion: 7, patchVersion: 5 });
  });

  test('AuthSession: the id a bare number, the service name decoded, then state and DELETE', async () => {
    const r = await call('GET', `/rest/v2/AuthSession?${QUERY}`);
    assert.equal(r.status, 200);
    assert.match(r.type ?? '', /application\/json/);
    const id = /"authsessionid":(-?\d+),/.exec(r.text)?.[1];
    assert.ok(id, r.text);
    const held = run.sim.sessions().at(-1)!;
    assert.equal(held.authSessionId, id);
    assert.equal(held.serviceName, 'Jira & Confluence');
    assert.equal(held.serviceAddress, 'https://jira.example.com');
    assert.equal(held.api, 'rest');
    const body = JSON.parse(r.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['authsessionid', 'authsessionicondata', 'secsignid']);
    assert.equal(body['secsignid'], 'alice');
    assert.match(String(body['authsessionicondata']), /^iVBORw0KGgo/);

    assert.deepEqual(JSON.parse((await call('GET', `/rest/v2/AuthSession/${id}`)).text), {
      authsessionstate: 1,
    });
    assert.equal((await call('DELETE', `/rest/v2/AuthSession/${id}`)).status, 200);
    assert.deepEqual(JSON.parse((await call('GET', `/rest/v2/AuthSession/${id}`)).text), {
      authsessionstate: 6,
    });
  });

  test('title and description together replace the access pass; one alone does not', async () => {
    const both = await call(
      'GET',
      `/rest/v2/AuthSession?${QUERY.replace('Alice', 'bob')}&transactiontitle=Sign+in&transactiondescr=From+203.0.113.7`,
    );
    assert.equal(JSON.parse(both.text).authsessionicondata, '');
    assert.equal(run.sim.sessions().at(-1)!.showAccessPass, false);
    run.sim.reset();
    const one = await call('GET', `/rest/v2/AuthSession?${QUERY}&transactiontitle=Sign+in`);
    assert.match(JSON.parse(one.text).authsessionicondata, /^iVBORw0KGgo/);
  });

  test('frozen → 409; unknown ID → 404 with errorcode 20000; missing parameter → 400', async () => {
    run.sim.reset();
    run.sim.freeze('alice');
    assert.equal((await call('GET', `/rest/v2/AuthSession?${QUERY}`)).status, 409);
    run.sim.unfreeze('alice');
    const unknown = await call('GET', `/rest/v2/AuthSession?${QUERY.replace('Alice', 'nobody')}`);
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.text).errorcode, 20000);
    assert.equal((await call('GET', '/rest/v2/AuthSession?secsignid=alice')).status, 400);
  });

  test('an unknown or malformed session id is state 8, never a 500', async () => {
    for (const id of ['12345', 'abc', '99999999999999999999']) {
      const r = await call('GET', `/rest/v2/AuthSession/${id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.text), { authsessionstate: 8 });
      assert.equal((await call('DELETE', `/rest/v2/AuthSession/${id}`)).status, 200);
    }
  });

  test('SecSignId/{id}?exist', async () => {
    assert.deepEqual(JSON.parse((await call('GET', '/rest/v2/SecSignId/bob?exist')).text), {
      exist: true,
    });
    assert.deepEqual(JSON.parse((await call('GET', '/rest/v2/SecSignId/bobby?exist')).text), {
      exist: false,
    });
    assert.equal((await call('GET', '/rest/v2/SecSignId/bob')).status, 400);
  });
});

describe('embedded ID server without a PIN account: an ID server older than 10.7.5', () => {
  test('REST paths answer 404', async () => {
    const run = await startSim();
    try {
      const res = await fetch(`${run.url}/rest/v2/PluginRegistration/ServerInfo`, {
        headers: { Authorization: BASIC },
      });
      assert.equal(res.status, 404);
    } finally {
      await run.close();
    }
  });
});
