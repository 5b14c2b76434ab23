/**
 * Authorisation and cross-site protection of every admin and profile route, enumerated from the
 * app itself (`app.routes`), not from a hand list: a route added later is covered without editing
 * this file. Over real HTTP on the real app:
 * - nobody signed in → 401 on every `/api/admin/…` and `/api/me/…` route; an ordinary user → 403
 *   `not_admin` on every admin route; an administrator whose session proved only the password
 *   inside, now calling from outside → 401 (the session no longer counts there);
 * - every state-changing route refuses a cross-site request — a foreign `Origin`, `Origin: null`,
 *   `Sec-Fetch-Site: cross-site` without an `Origin`, a `text/plain` body (a form's "simple
 *   request") — and no answer there, preflight included, lets another origin read it with
 *   credentials;
 * - no `GET` there changes anything, even for an administrator;
 * and none of the refused requests changes a stored row. The bodies sent are ones that would make a
 * change if the request were let through (a route not named below gets `{}`: the guards come
 * before the body is read).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';
import { SESSION_COOKIE } from '../../../server/login/cookies.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { listZones } from '../../../server/store/zones.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EVIL = 'https://evil.example';

/** The tables an administrative or profile change writes (not the audit log, sessions' times). */
const TABLES = [
  'users',
  'zones',
  'settings',
  'user_factors',
  'recovery_codes',
  'directories',
  'oidc_clients',
  'policy_drafts',
  'enrolment_campaign',
  'factor_approvals',
  'secsign_accounts',
  'change_counters',
];

let f: Fixture;
let ids: Record<string, string>;

before(async () => {
  f = await startFixture();
  const carol = await findUserByUsername(f.db, 'carol');
  const office = (await listZones(f.db))[0]!;
  ids = { user: String(carol!.id), zone: String(office.id) };
});
after(() => f.close());

/** The routes under `prefix`, one per method and path (middleware entries left out). */
function routesUnder(prefix: string): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of f.app.routes) {
    if (r.method === 'ALL' || !(r.path === prefix || r.path.startsWith(`${prefix}/`))) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** A concrete path for a route pattern: real ids where the fixture has them. */
function concrete(path: string): string {
  return path
    .replace(/\/users\/:id/, `/users/${ids.user}`)
    .replace(/\/zones\/:id/, `/zones/${ids.zone}`)
    .replace(/\/sessions\/:id/, `/sessions/${'a'.repeat(64)}`)
    .replace(':kind', 'ldap')
    .replace(':factor', 'totp')
    .replace(/:[a-zA-Z]+/g, '1');
}

/** A body that would change something if the request were let through. */
function bodyFor(method: string, path: string): unknown {
  if (!UNSAFE.has(method) || method === 'DELETE') return undefined;
  const bodies: Record<string, unknown> = {
    'PATCH /api/admin/settings': { ipSafeZoneActive: false, confirm: true },
    'POST /api/admin/zones': { name: 'Everywhere', ranges: ['0.0.0.0/0'], force: true },
    'PATCH /api/admin/zones/:id': { ranges: ['0.0.0.0/0'], force: true },
    'POST /api/admin/users': { username: 'mallory', password: 'mallory-password', role: 'admin' },
    'PATCH /api/admin/users/:id': { role: 'admin' },
    'PUT /api/admin/users/:id/password': { password: 'taken over by mallory' },
    'PUT /api/admin/users/:id/secsign-id': { secSignId: 'nobody.sec' },
    'PATCH /api/admin/enrolment': { firstFactorApproval: true },
    'POST /api/admin/oidc/clients': {
      clientId: 'mallory',
      name: 'Mallory',
      redirectUris: ['https://evil.example/cb'],
    },
    'POST /api/admin/policy/draft': { ipSafeZoneActive: false, reportDays: 7 },
    'PUT /api/me/secsign-id': { secSignId: 'nobody.sec' },
  };
  return bodies[`${method} ${path}`] ?? {};
}

async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const table of TABLES) {
    const rs = await f.db.execute(`SELECT * FROM ${table} ORDER BY 1`);
    parts.push(table, rs.rows);
  }
  const sessions = await f.db.execute(
    'SELECT id_hash, user_id, factors, revoked_at, authenticated_at FROM sessions ORDER BY 1',
  );
  parts.push('sessions', sessions.rows);
  return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/** A request with full control of the headers (no Origin unless given), as one browser. */
async function raw(
  who: TestClient | null,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  const h: Record<string, string> = { 'x-forwarded-for': who?.address ?? OUTSIDE, ...headers };
  const cookie = who?.cookie(SESSION_COOKIE);
  if (cookie) h.cookie = `${SESSION_COOKIE}=${cookie}`;
  const res = await fetch(f.origin + path, { method, headers: h, body, redirect: 'manual' });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

const send = (who: TestClient, method: string, path: string) =>
  who.request(method, concrete(path), bodyFor(method, path));

describe('every admin route, enumerated from the app', () => {
  it('finds the routes (the enumeration itself works)', () => {
    const admin = routesUnder('/api/admin');
    assert.ok(admin.length >= 40, `only ${admin.length} admin routes found`);
    assert.ok(admin.some((r) => r.path === '/api/admin/oidc/clients' && r.method === 'POST'));
    assert.ok(routesUnder('/api/me').length >= 15);
  });

  it('nobody signed in: 401 not_signed_in on each, and nothing changes', async () => {
    const before = await snapshot();
    for (const { method, path } of routesUnder('/api/admin')) {
      for (const address of [INSIDE, OUTSIDE]) {
        const res = await send(f.client(address), method, path);
        assert.equal(res.status, 401, `${method} ${path} from ${address}`);
        assert.equal(res.body.error.code, 'not_signed_in', `${method} ${path}`);
      }
    }
    assert.equal(await snapshot(), before);
  });

  it('an ordinary user: 403 not_admin on each, and nothing changes', async () => {
    const bob = await f.signIn('bob');
    const before = await snapshot();
    for (const { method, path } of routesUnder('/api/admin')) {
      const res = await send(bob, method, path);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, 'not_admin', `${method} ${path}`);
    }
    assert.equal(await snapshot(), before);
    assert.equal((await bob.get('/api/me')).status, 200);
  });

  it("an administrator's password session from inside, now outside: 401 on each", async () => {
    const alice = await f.signIn('alice', INSIDE);
    assert.equal((await alice.get('/api/admin/settings')).status, 200);
    alice.setAddress(OUTSIDE);
    const before = await snapshot();
    for (const { method, path } of routesUnder('/api/admin')) {
      const res = await send(alice, method, path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error.code, 'not_signed_in', `${method} ${path}`);
    }
    assert.equal(await snapshot(), before);
    alice.setAddress(INSIDE);
    assert.equal((await alice.get('/api/admin/settings')).status, 200);
  });
});

describe('every profile route, enumerated from the app', () => {
  it('nobody signed in, or a password session now outside: 401, and nothing changes', async () => {
    const bob = await f.signIn('bob', INSIDE);
    bob.setAddress(OUTSIDE);
    const before = await snapshot();
    for (const { method, path } of routesUnder('/api/me')) {
      for (const who of [f.client(INSIDE), f.client(OUTSIDE), bob]) {
        const res = await send(who, method, path);
        assert.equal(res.status, 401, `${method} ${path} (${who.address})`);
        assert.equal(res.body.error.code, 'not_signed_in', `${method} ${path}`);
      }
    }
    assert.equal(await snapshot(), before);
  });
});

describe('cross-site requests to every state-changing admin and profile route', () => {
  const unsafe = () =>
    [...routesUnder('/api/admin'), ...routesUnder('/api/me')].filter((r) => UNSAFE.has(r.method));

  it('are refused (foreign Origin, Origin null, Sec-Fetch-Site cross-site, text/plain) and change nothing', async () => {
    const alice = await f.signIn('alice', INSIDE);
    const before = await snapshot();
    for (const { method, path } of unsafe()) {
      const url = concrete(path);
      const json = JSON.stringify(bodyFor(method, path) ?? {});
      const jsonType = { 'content-type': 'application/json' };
      const cases: [string, Record<string, string>, string | undefined, number, string][] = [
        ['foreign Origin', { origin: EVIL, ...jsonType }, json, 403, 'forbidden_origin'],
        ['Origin null', { origin: 'null', ...jsonType }, json, 403, 'forbidden_origin'],
        [
          'cross-site without Origin',
          { 'sec-fetch-site': 'cross-site', ...jsonType },
          json,
          403,
          'forbidden_origin',
        ],
        [
          'a form post (text/plain) from a foreign page',
          { origin: EVIL, 'content-type': 'text/plain' },
          json,
          403,
          'forbidden_origin',
        ],
        [
          'text/plain from our own origin',
          { origin: f.publicOrigin, 'content-type': 'text/plain;charset=UTF-8' },
          json,
          415,
          'unsupported_media_type',
        ],
      ];
      for (const [name, headers, body, status, code] of cases) {
        const res = await raw(alice, method, url, headers, body);
        assert.equal(res.status, status, `${method} ${path}: ${name}`);
        assert.equal(res.body.error.code, code, `${method} ${path}: ${name}`);
        assert.equal(res.headers.get('access-control-allow-origin'), null, `${method} ${path}`);
        assert.equal(res.headers.get('access-control-allow-credentials'), null);
      }
    }
    assert.equal(await snapshot(), before);
    assert.equal((await alice.get('/api/admin/settings')).status, 200, 'still signed in');
  });

  it('no answer, preflight or read, lets another origin read them with credentials', async () => {
    const alice = await f.signIn('alice', INSIDE);
    const all = [...routesUnder('/api/admin'), ...routesUnder('/api/me')];
    for (const { method, path } of all) {
      const url = concrete(path);
      const preflight = await raw(alice, 'OPTIONS', url, {
        origin: EVIL,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, `OPTIONS ${path}`);
      assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
      if (method === 'GET') {
        const read = await raw(alice, 'GET', url, { origin: EVIL });
        assert.equal(read.headers.get('access-control-allow-origin'), null, `GET ${path}`);
        assert.equal(read.headers.get('access-control-allow-credentials'), null);
      }
    }
  });
});

describe('reads change nothing', () => {
  it('no GET under /api/admin or /api/me writes a stored row, even for an administrator', async () => {
    const alice = await f.signIn('alice', INSIDE);
    const before = await snapshot();
    for (const { method, path } of [...routesUnder('/api/admin'), ...routesUnder('/api/me')]) {
      if (method !== 'GET') continue;
      const res = await alice.get(concrete(path));
      assert.ok(res.status < 500, `GET ${path}: ${res.status}`);
    }
    assert.equal(await snapshot(), before);
  });
});
