/**
 * The sweep behind the charter's rule "nothing an anonymous client repeats may grow the database
 * without bound" (round 6): every route an anonymous client can reach, flooded from one IPv6 /64
 * with a new address for every request — and, where a name is sent, a new name too — while the
 * rows of every table are counted before and after. Each kind may add at most a small constant
 * number of rows, whatever the number of requests: the bounds below say where they come from.
 * A new table, or a new write on an anonymous path, that grows with the requests fails here.
 *
 * The OIDC library stores a record for every anonymous authorization request of a known client
 * and every logout page (`oidc_store`, about 1 KB, deleted after it expires): outside the safe zone
 * at most OPEN_ANONYMOUS_PER_ADDRESS per address group in 15 minutes (server/oidc/anonymous-cap.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMES_PER_ADDRESS } from '../../../server/domain/aggregated-audit.js';
import { OPEN_CHALLENGES_PER_ADDRESS } from '../../../server/domain/login/steps/passkey-options.js';
import {
  ADDRESS_ATTEMPTS_FOR_NEW_NAMES,
  OPEN_ANONYMOUS_PER_ADDRESS,
} from '../../../server/domain/login/rate-limit.js';
import { TEST_BACKEND } from '../../support/test-database.js';
import { jiraAuthorizationUrl, startOidcFixture, type OidcFixture } from '../oidc/oidc-fixture.js';

/**
 * Requests per kind: 300, or 100 for a kind whose bound is below 25 — a row for every fourth
 * request would still exceed its bound (and a bound of 0 or 1 is exceeded by any growth at all).
 */
const N = 300;
const requestsFor = (bound: number) => (bound < 25 ? 100 : N);
/** Refusals aggregated per address group: 20 named windows and the folded one. */
const AGGREGATED = NAMES_PER_ADDRESS + 1;

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

async function rowCounts(): Promise<Map<string, number>> {
  const tables =
    TEST_BACKEND === 'postgres'
      ? await f.db.execute('SELECT relname AS name FROM pg_catalog.pg_stat_user_tables')
      : await f.db.execute(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        );
  const counts = new Map<string, number>();
  for (const r of tables.rows) {
    const name = String(r['name']);
    const rs = await f.db.execute(`SELECT COUNT(*) AS n FROM ${name}`);
    counts.set(name, Number(rs.rows[0]!['n']));
  }
  return counts;
}

const passkeyCredential = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
  clientExtensionResults: {},
};
const guardAsk = (authorization?: string) => ({
  'x-original-method': 'GET',
  'x-original-uri': '/rest/api/2/issue/X-1',
  ...(authorization ? { authorization } : {}),
});
const basic = (name: string) => `Basic ${Buffer.from(`${name}:pw`).toString('base64')}`;

interface Kind {
  name: string;
  /** Rows the kind may add, whatever the number of requests. */
  bound: number;
  requests?: number;
  twoStep?: boolean;
  send: (address: string, i: number) => Promise<{ status: number }>;
}

const kinds: Kind[] = [
  { name: 'GET /api/zone', bound: 0, send: (a) => f.client(a).get('/api/zone') },
  { name: 'GET /login', bound: 0, send: (a) => f.client(a).get('/login') },
  {
    name: 'GET /api/session, a garbage cookie',
    bound: 0,
    send: (a, i) => f.client(a).get('/api/session', { cookie: `ipsafezone_session=junk${i}` }),
  },
  {
    name: 'POST /api/logout, a garbage cookie',
    bound: 0,
    send: (a, i) => f.client(a).post('/api/logout', {}, { cookie: `ipsafezone_session=junk${i}` }),
  },
  { name: 'GET /api/verify', bound: 1, send: (a) => f.client(a).get('/api/verify') },
  {
    name: 'GET /api/guard, new names in Basic',
    // Five named windows per reason and group and the folded one; two reasons.
    bound: 2 * 6,
    send: (a, i) => f.client(a).get('/api/guard', guardAsk(i % 2 ? basic(`n${i}`) : undefined)),
  },
  {
    name: 'GET /api/guard, a token',
    bound: 1,
    send: (a, i) => f.client(a).get('/api/guard', guardAsk(`Bearer token${i}`)),
  },
  {
    name: 'POST /api/login/password outside, new names',
    bound: AGGREGATED,
    send: (a, i) => f.client(a).post('/api/login/password', { username: `n${i}`, password: 'x' }),
  },
  {
    name: 'POST /api/login/secsign, made-up IDs',
    bound: AGGREGATED,
    send: (a, i) => f.client(a).post('/api/login/secsign', { secSignId: `n${i}.sec` }),
  },
  {
    name: 'POST /api/login/secsign, a real ID (frozen after a few)',
    // The few the ID server starts (a transaction and a row each), then one aggregated refusal.
    bound: 2 * 5 + 1,
    send: (a) => f.client(a).post('/api/login/secsign', { secSignId: 'dave.sec' }),
  },
  {
    name: 'POST /api/login/passkey/options, new names',
    bound: OPEN_CHALLENGES_PER_ADDRESS + 3 + 2 * AGGREGATED,
    send: (a, i) => f.client(a).post('/api/login/passkey/options', { username: `n${i}` }),
  },
  {
    name: 'POST /api/login/passkey/verify, made-up',
    bound: 1,
    send: (a, i) =>
      f.client(a).post('/api/login/passkey/verify', {
        transaction: `t${i}`,
        credential: passkeyCredential,
      }),
  },
  {
    name: 'POST /api/login/code/send, made-up',
    bound: 0,
    send: (a, i) =>
      f.client(a).post('/api/login/code/send', { transaction: `t${i}`, factor: 'totp' }),
  },
  {
    name: 'POST /api/login/code, made-up',
    bound: 0,
    send: (a, i) =>
      f.client(a).post('/api/login/code', { transaction: `t${i}`, factor: 'totp', code: '123456' }),
  },
  {
    name: 'POST /api/login/secsign/status, made-up',
    bound: 0,
    send: (a, i) => f.client(a).post('/api/login/secsign/status', { transaction: `t${i}` }),
  },
  {
    name: 'POST /api/login/secsign/cancel, made-up',
    bound: 0,
    send: (a, i) => f.client(a).post('/api/login/secsign/cancel', { transaction: `t${i}` }),
  },
  {
    name: 'POST /api/login/password in two-step, new names',
    // Until the spray stops it: a name's row and a pair's row per checked guess, an audit row
    // each, the address's row; then the refusals aggregated.
    bound: 3 * ADDRESS_ATTEMPTS_FOR_NEW_NAMES + 1 + AGGREGATED + 8,
    requests: 600,
    twoStep: true,
    send: (a, i) => f.client(a).post('/api/login/password', { username: `n${i}`, password: 'x' }),
  },
  {
    name: 'GET /oidc/auth of a known client, anonymous',
    // The capped interaction records, then one aggregated refusal.
    bound: OPEN_ANONYMOUS_PER_ADDRESS + 1,
    send: (a) => {
      const { url } = jiraAuthorizationUrl(f.rp);
      return f.client(a).get(url.pathname + url.search, { accept: 'text/html' });
    },
  },
  {
    name: 'GET /oidc/auth of an unknown client',
    bound: 1,
    send: (a) => {
      const { url } = jiraAuthorizationUrl(f.rp);
      url.searchParams.set('client_id', 'nobody');
      return f.client(a).get(url.pathname + url.search, { accept: 'text/html' });
    },
  },
  {
    name: 'GET /oidc/session/end, anonymous',
    bound: OPEN_ANONYMOUS_PER_ADDRESS + 1,
    send: (a) => f.client(a).get('/oidc/session/end', { accept: 'text/html' }),
  },
];

let net = 0;
for (const kind of kinds) {
  const prefix = `2001:db8:70:${(net++).toString(16)}`;
  const requests = kind.requests ?? requestsFor(kind.bound);
  test(`${requests} × ${kind.name}, from ${prefix}::/64: at most ${kind.bound} rows`, async () => {
    await f.settings({ twoStepActive: kind.twoStep === true });
    const before = await rowCounts();
    for (let i = 0; i < requests; i += 4) {
      await Promise.all(
        [0, 1, 2, 3].map((k) => kind.send(`${prefix}:${(i + k + 1).toString(16)}::1`, i + k)),
      );
    }
    const after = await rowCounts();
    const grown = [...after].filter(([t, n]) => n !== before.get(t));
    const added = grown.reduce((sum, [t, n]) => sum + n - (before.get(t) ?? 0), 0);
    const detail = grown.map(([t, n]) => `${t} +${n - (before.get(t) ?? 0)}`).join(', ');
    assert.ok(added <= kind.bound, `${added} rows (${detail}) for ${requests} requests`);
  });
}
