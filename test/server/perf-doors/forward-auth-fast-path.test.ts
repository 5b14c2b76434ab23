/**
 * Forward-auth's fast path (server/login/forward-auth-fast-path.ts) against the middleware chain it runs
 * ahead of (issue 13). Two apps on one database — one with the fast paths, one without — are asked
 * the same forward-auth requests over real HTTP (sessions of an administrator and of a user, from
 * inside and outside, a name beyond ASCII, no cookie, a forged one, two copies of the cookie, HEAD,
 * the redirect to the login page, a request id, an Origin, a POST; then with the user disabled) and must give the same status, headers and body (apart from `Date`, and the
 * request id when the server makes one). And the handler on its own shows that it answers only
 * grants whose audit is not due, handing everything else on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser, updateUser } from '../../../server/domain/users-service.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { createGrantAudits, grantAuditKey } from '../../../server/domain/grant-audits.js';
import { createSessionService } from '../../../server/domain/session-service.js';
import { forwardAuthFastPath } from '../../../server/login/forward-auth-fast-path.js';
import { hashToken } from '../../../server/platform/crypto/tokens.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { silentLogger } from '../../../server/platform/logger.js';
import type { DoorEnv } from '../../../server/http/context.js';
import { ask, comparable, startChainOnly } from './two-apps.js';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
let chainOnly: { port: number; close(): Promise<void> };
const cookies: Record<string, string> = {};

before(async () => {
  f = await startFixture();
  await createUser(f.db, f.clock, CLI_ACTOR, {
    username: 'jürgen',
    password: PASSWORD,
    displayName: 'Jürgen Groß',
    email: 'jürgen@example.com',
  });
  chainOnly = await startChainOnly(f);
  for (const name of ['alice', 'bob', 'jürgen']) {
    cookies[name] = `ipsafezone_session=${(await f.signIn(name)).cookie('ipsafezone_session')!}`;
  }
});
after(async () => {
  await chainOnly.close();
  await f.close();
});

/** The requests: [label, method, path, headers]. Nginx calls with its own upstream Host. */
function cases(): [string, string, string, Record<string, string>][] {
  const base = (ip: string) => ({ host: 'jira-upstream:8080', 'x-forwarded-for': ip });
  return [
    ['administrator inside', 'GET', '/api/verify', { ...base(INSIDE), cookie: cookies.alice! }],
    ['user inside', 'GET', '/api/verify', { ...base(INSIDE), cookie: cookies.bob! }],
    ['a name beyond ASCII', 'GET', '/api/verify', { ...base(INSIDE), cookie: cookies['jürgen']! }],
    ['password session outside', 'GET', '/api/verify', { ...base(OUTSIDE), cookie: cookies.bob! }],
    ['no cookie', 'GET', '/api/verify', base(INSIDE)],
    ['forged cookie', 'GET', '/api/verify', { ...base(INSIDE), cookie: 'ipsafezone_session=x' }],
    [
      'two copies of the cookie',
      'GET',
      '/api/verify',
      { ...base(INSIDE), cookie: `ipsafezone_session=x; ${cookies.bob!}` },
    ],
    ['HEAD', 'HEAD', '/api/verify', { ...base(INSIDE), cookie: cookies.bob! }],
    [
      'redirect to the login page',
      'GET',
      '/api/verify?redirect=1',
      { ...base(OUTSIDE), 'x-original-url': `${f.origin}/jira/browse/X-1` },
    ],
    [
      'a request id',
      'GET',
      '/api/verify',
      { ...base(INSIDE), cookie: cookies.bob!, 'x-request-id': 'trace-7' },
    ],
    [
      'an Origin',
      'GET',
      '/api/verify',
      { ...base(INSIDE), cookie: cookies.bob!, origin: 'https://evil.example' },
    ],
    ['POST', 'POST', '/api/verify', { ...base(INSIDE), cookie: cookies.bob! }],
  ];
}

async function bothAgree(when: string): Promise<Set<number>> {
  const statuses = new Set<number>();
  for (const [label, method, path, headers] of cases()) {
    const fast = await ask(f.port, method, path, headers);
    const chain = await ask(chainOnly.port, method, path, headers);
    const sentId = headers['x-request-id'] === 'trace-7';
    assert.deepEqual(
      comparable(fast, sentId, `${when}, ${label} (fast)`),
      comparable(chain, sentId, `${when}, ${label} (chain)`),
      `${when}, ${label}: the fast path answered differently from the chain`,
    );
    statuses.add(fast.status);
  }
  return statuses;
}

test('forward-auth answers the same with and without the fast path', async () => {
  // First round: every grant's audit is due, in both apps — the chain answers everywhere.
  await bothAgree('first asked');
  // Second round: the fast path answers the grants in one app, the chain in the other.
  const statuses = await bothAgree('asked again');
  for (const s of [200, 302, 401, 405]) assert.ok(statuses.has(s), `no ${s} among the answers`);
  // The user disabled: both refuse.
  const bob = (await findUserByUsername(f.db, 'bob'))!.id;
  await updateUser(f.db, f.clock, CLI_ACTOR, bob, { disabled: true });
  try {
    await bothAgree('bob disabled');
  } finally {
    await updateUser(f.db, f.clock, CLI_ACTOR, bob, { disabled: false });
  }
});

test('the handler answers grants whose audit is not due, and hands everything else on', async () => {
  const lifetimes = { idleMs: f.config.sessionIdleMs, maxMs: f.config.sessionMaxMs };
  const zoneDecision = {
    db: f.db,
    zones: createZoneMatcherSource(f.db, f.clock),
    settings: createSettingsSource(f.db),
  };
  const grants = createGrantAudits(f.clock);
  const app = new Hono<DoorEnv>().get(
    '/api/verify',
    forwardAuthFastPath({
      sessions: {
        ...zoneDecision,
        clock: f.clock,
        lifetimes,
        cookies: f.config,
        findSession: createSessionService({ db: f.db, clock: f.clock, lifetimes }).lookup,
      },
      resolveClientAddress: f.providers.resolveClientAddress,
      grants,
      logger: silentLogger,
      metrics: null,
    }),
    (c) => c.text('handed on', 202),
  );
  const carol = (await f.signIn('carol')).cookie('ipsafezone_session')!;
  // As served by Node behind the trusted proxy (loopback), which names the client.
  const env = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  const asked = (from: string, cookie: string | null, method = 'GET') =>
    app.request(
      `${f.origin}/api/verify`,
      {
        method,
        headers: {
          'x-forwarded-for': from,
          ...(cookie ? { cookie: `ipsafezone_session=${cookie}` } : {}),
        },
      },
      env as never,
    );
  assert.equal((await asked(INSIDE, null)).status, 202, 'no cookie: handed on');
  assert.equal((await asked(OUTSIDE, carol)).status, 202, 'a password session outside: handed on');
  assert.equal(
    (await asked(INSIDE, carol)).status,
    202,
    'the first grant is audited: by the route',
  );
  grants.hit(grantAuditKey(hashToken(carol), INSIDE, 'password'), null);
  const granted = await asked(INSIDE, carol);
  assert.equal(granted.status, 200, 'a grant whose audit is not due: answered here');
  assert.equal(granted.headers.get('remote-user'), 'carol');
  assert.equal(granted.headers.get('remote-groups'), 'users');
  assert.equal(granted.headers.get('cache-control'), 'no-store');
  assert.equal((await asked(INSIDE, carol, 'HEAD')).status, 202, 'HEAD: handed on');
});
