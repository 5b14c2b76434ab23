/**
 * GET /api/guard over real HTTP on a real database: the proxy's question "may this request reach
 * Jira?" answered from where the client stands (the one zone decision decision), its session and what the
 * original request carries; the 403 in JSON or as a page in English or German; audited once per
 * address, user name and reason, counted in /metrics every time; credential values never stored.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => (f = await startFixture()));
after(() => f.close());
beforeEach(async () => {
  await f.settings({ ipSafeZoneActive: true, twoStepActive: false });
  f.config.guardTokensOutside = true;
  f.clock.advance(11 * 60_000);
});

const BASIC = `Basic ${Buffer.from('bob:hunter2-secret').toString('base64')}`;
const PAT = 'Bearer NjQ2MzQ5NTk0NjQ2OnBhdC1zZWNyZXQ';

/** The headers nginx's guard location sets for an original request. */
function asked(method: string, uri: string, more: Record<string, string> = {}) {
  return { 'x-original-method': method, 'x-original-uri': uri, ...more };
}

async function guard(address: string, headers: Record<string, string>, client = f.client(address)) {
  return client.get('/api/guard', headers);
}

async function guardCount(labels: Record<string, string>): Promise<number> {
  const m = (await f.app.metrics.registry.getMetricsAsJSON()).find(
    (x) => x.name === 'ipsafezone_guard_decisions_total',
  );
  return (m?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((n, v) => n + v.value, 0);
}

async function guardRows(address: string): Promise<Record<string, unknown>[]> {
  const r = await f.db.execute({
    sql: "SELECT username, client_ip, outcome, details FROM audit_log WHERE action = 'guard' AND client_ip = ? ORDER BY id",
    args: [address],
  });
  return r.rows as unknown as Record<string, unknown>[];
}

describe('GET /api/guard', () => {
  it('inside: every password door passes', async () => {
    for (const headers of [
      asked('GET', '/rest/api/2/myself', { authorization: BASIC }),
      asked('POST', '/rest/auth/1/session', { 'x-original-content-type': 'application/json' }),
      asked('GET', '/login.jsp?auth_fallback'),
      asked('GET', '/rest/api/2/myself?os_username=bob&os_password=x'),
    ]) {
      const res = await guard(INSIDE, headers);
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  });

  it('outside: Basic is refused with 403 JSON; a personal access token passes; a PAT plus os_password does not', async () => {
    const basic = await guard(
      OUTSIDE,
      asked('GET', '/rest/api/2/myself', { authorization: BASIC }),
    );
    assert.equal(basic.status, 403);
    assert.equal(basic.body.error.code, 'outside_password_refused');
    const pat = await guard(OUTSIDE, asked('GET', '/rest/api/2/myself', { authorization: PAT }));
    assert.equal(pat.status, 200);
    const both = await guard(
      OUTSIDE,
      asked('GET', '/rest/api/2/myself?%6Fs_password=x', { authorization: PAT }),
    );
    assert.equal(both.status, 403);
  });

  it('outside: a junk Bearer does not open the REST login; a form body on a token request is refused', async () => {
    const session = await guard(
      OUTSIDE,
      asked('POST', '/jira//rest/auth/1/session;x=y', {
        authorization: PAT,
        'x-original-content-type': 'application/json',
      }),
    );
    assert.equal(session.status, 403);
    const form = await guard(
      OUTSIDE,
      asked('POST', '/rest/api/2/issue', {
        authorization: PAT,
        'x-original-content-type': 'application/x-www-form-urlencoded',
      }),
    );
    assert.equal(form.status, 403);
  });

  it('outside: no original URI handed over → refused (fail closed)', async () => {
    const res = await guard(OUTSIDE, { authorization: PAT });
    assert.equal(res.status, 403);
  });

  it('outside: a browser gets a short page in its language with a way to sign in', async () => {
    const en = await guard(
      OUTSIDE,
      asked('GET', '/browse/ABC-1', { accept: 'text/html', 'x-ipsafezone-product': 'jira' }),
    );
    assert.equal(en.status, 403);
    assert.match(en.headers.get('content-type') ?? '', /text\/html/);
    assert.match(en.body as string, /<html lang="en">/);
    assert.match(en.body as string, /Jira does not accept a password on its own/);
    assert.match(en.body as string, /return_to=%2Fbrowse%2FABC-1/);
    assert.match(en.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const de = await guard(
      OUTSIDE,
      asked('GET', '/', {
        accept: 'text/html',
        'accept-language': 'de-DE,de;q=0.9',
        'x-ipsafezone-product': 'confluence',
      }),
    );
    assert.match(de.body as string, /<html lang="de">/);
    assert.match(de.body as string, /nimmt Confluence kein Passwort allein an/);
    const page = await f.client(OUTSIDE).get('/api/guard/refused', { accept: 'text/html' });
    assert.equal(page.status, 403);
  });

  it('a session enough from outside (SecSign ID) opens every door; a password session from the office does not', async () => {
    await f.settings({ twoStepActive: true });
    const strong = f.client(OUTSIDE);
    const res = await strong.post('/api/login/password', { username: 'bob', password: PASSWORD });
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    await strong.post('/api/login/secsign/status', { transaction: res.body.transaction });
    const basic = asked('GET', '/rest/api/2/myself', { authorization: BASIC });
    assert.equal((await guard(OUTSIDE, basic, strong)).status, 200);

    const weak = await f.signIn('carol', INSIDE);
    assert.equal((await guard(INSIDE, basic, weak)).status, 200);
    weak.setAddress(OUTSIDE);
    assert.equal((await guard(OUTSIDE, basic, weak)).status, 403);
  });

  it('tokens can be confined to the zone', async () => {
    f.config.guardTokensOutside = false;
    const pat = asked('GET', '/rest/api/2/myself', { authorization: PAT });
    assert.equal((await guard(OUTSIDE, pat)).status, 403);
    assert.equal((await guard(INSIDE, pat)).status, 200);
  });

  it('IPSafeZone off: nobody is inside, so Basic is refused everywhere', async () => {
    await f.settings({ ipSafeZoneActive: false });
    const basic = asked('GET', '/rest/api/2/myself', { authorization: BASIC });
    assert.equal((await guard(INSIDE, basic)).status, 403);
  });

  it('answers GET and HEAD only', async () => {
    const res = await f.client(INSIDE).post('/api/guard', {});
    assert.equal(res.status, 405);
  });

  it('audited once per address, user name and reason in ten minutes; counted every time; no secret stored', async () => {
    const address = '198.51.100.9';
    const before = await guardCount({ outcome: 'refused', reason: 'password_credential' });
    for (let i = 0; i < 5; i++) {
      await guard(
        address,
        asked('GET', '/rest/api/2/myself?os_password=qsecret', { authorization: BASIC }),
      );
    }
    assert.equal(
      (await guardCount({ outcome: 'refused', reason: 'password_credential' })) - before,
      5,
    );
    let rows = await guardRows(address);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.username, 'bob');
    assert.equal(rows[0]!.client_ip, address);
    assert.equal(rows[0]!.outcome, 'refused');
    const details = JSON.parse(rows[0]!.details as string) as Record<string, unknown>;
    assert.equal(details.guard, 'password_credential');
    assert.equal(details.path, '/rest/api/2/myself');
    const everything = JSON.stringify(rows);
    assert.ok(!everything.includes('hunter2'), 'no Basic password');
    assert.ok(!everything.includes('qsecret'), 'no query value');

    // Twenty user names from one address: five rows with names, then one for the rest.
    for (let i = 0; i < 20; i++) {
      const basic = `Basic ${Buffer.from(`user${i}:pw`).toString('base64')}`;
      await guard(address, asked('GET', '/', { authorization: basic }));
    }
    rows = await guardRows(address);
    assert.equal(rows.length, 6);
    assert.deepEqual(
      rows.map((r) => r.username),
      ['bob', 'user0', 'user1', 'user2', 'user3', '*'],
    );
    f.clock.advance(10 * 60_000);
    await guard(address, asked('GET', '/', { authorization: BASIC }));
    rows = await guardRows(address);
    assert.equal(rows.length, 7, 'a new window audits again');
    const carried = JSON.parse(rows[6]!.details as string) as { repeats?: { count: number } };
    assert.equal(carried.repeats?.count, 4, "the last window's four repeats ride on the new row");
  });
});
