/**
 * The anonymous requests anyone can repeat at will, each refused or sent on without a session, as
 * the flood tests send them: test/server/security/anonymous-flood.test.ts (all from one address)
 * and ipv6-prefix-flood.test.ts (each from another address of one /64). One list, so both floods
 * cover the same doors.
 */
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { PASSWORD } from '../login/fixture.js';
import { jiraAuthorizationUrl, type OidcFixture } from '../oidc/oidc-fixture.js';

export interface AnonymousFlood {
  name: string;
  action: string;
  outcome: string;
  expected: number;
  /** Whether the flood writes nothing but audit rows (see the interaction). */
  auditOnly?: boolean;
  prepare?: () => Promise<void>;
  send: (i: number) => Promise<number>;
}

/** The kinds of flood, request i sent from `addressOf(i)`, to the fixture `f()` (set in `before`). */
export function anonymousFloods(
  f: () => OidcFixture,
  addressOf: (i: number) => string,
): AnonymousFlood[] {
  return [
    {
      name: '/api/verify without a cookie',
      action: 'verify',
      outcome: 'not_signed_in',
      expected: 401,
      send: async (i) => (await f().client(addressOf(i)).get('/api/verify')).status,
    },
    {
      name: '/api/verify with a garbage cookie',
      action: 'verify',
      outcome: 'not_signed_in',
      expected: 401,
      send: async (i) =>
        (
          await f()
            .client(addressOf(i))
            .get('/api/verify', { cookie: `ipsafezone_session=junk${i}` })
        ).status,
    },
    {
      name: 'a sign-in with a locked name',
      action: 'login.password',
      outcome: 'locked',
      expected: 429,
      prepare: async () => {
        const c = f().client(addressOf(0));
        for (let i = 0; i < LIMITS.user.maxFailures; i++) {
          await c.post('/api/login/password', { username: 'bob', password: `wrong ${i}` });
        }
      },
      send: async (i) =>
        (
          await f()
            .client(addressOf(i))
            .post('/api/login/password', { username: 'bob', password: PASSWORD })
        ).status,
    },
    {
      name: 'an OIDC authorization from an unknown client',
      action: 'oidc.authorize',
      outcome: 'refused',
      expected: 400,
      send: async (i) => {
        const req = jiraAuthorizationUrl(f().rp);
        req.url.searchParams.set('client_id', 'nobody');
        const res = await f()
          .client(addressOf(i))
          .get(req.url.pathname + req.url.search);
        return res.status;
      },
    },
    {
      name: 'an OIDC token request with a wrong client secret',
      action: 'oidc.token',
      outcome: 'refused',
      expected: 401,
      send: async (i) => {
        // A relying party's back-channel request: no Origin, the client's credentials in Basic.
        const res = await fetch(`${f().origin}/oidc/token`, {
          method: 'POST',
          headers: {
            'x-forwarded-for': addressOf(i),
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from('jira:wrong-secret').toString('base64')}`,
          },
          body: `grant_type=authorization_code&code=made-up-${i}&redirect_uri=x`,
        });
        await res.arrayBuffer();
        return res.status;
      },
    },
    {
      name: 'an anonymous browser at the OIDC interaction',
      action: 'oidc.authorize',
      outcome: 'sign_in_needed',
      expected: 303,
      // The authorization request itself makes the OIDC library store an interaction record
      // (oidc_store, deleted 15 minutes after it expires) — about 1 KB a browser, not audit rows.
      auditOnly: false,
      send: async (i) => {
        // A fresh browser each time: the authorization request, then the interaction it leads to.
        const browser = f().client(addressOf(i));
        const { url } = jiraAuthorizationUrl(f().rp);
        const start = await browser.get(url.pathname + url.search);
        const interaction = new URL(start.headers.get('location')!, f().origin);
        return (await browser.get(interaction.pathname)).status;
      },
    },
  ];
}

/** Sends `n` requests, four at a time (like autocannon's four connections). */
export async function flood(n: number, send: (i: number) => Promise<number>, expected: number) {
  for (let i = 0; i < n; i += 4) {
    const statuses = await Promise.all([0, 1, 2, 3].map((k) => send(i + k)));
    for (const s of statuses) assert.equal(s, expected);
  }
}
