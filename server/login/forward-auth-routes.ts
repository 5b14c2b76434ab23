/**
 * Forward-auth for reverse proxies (nginx `auth_request`, Traefik `forwardAuth`, Caddy
 * `forward_auth`): 200 with `Remote-User`, `Remote-Name`, `Remote-Email`, `Remote-Groups` when the
 * request carries a session whose proven factors are enough from the address it comes from now —
 * the same decision as the login API. Otherwise 401, or, when asked (`?redirect=1`, or a browser
 * navigation: `Accept: text/html` without nginx's auth subrequest), a 302 to the login page that
 * carries the original address — only when that address is on one of our allowed hosts.
 *
 * Every answer is audited; repeated grants for the same session, address and mode are audited once
 * per ten minutes so that a busy proxy does not flood the log, and refusals once per address, user
 * name (none without a session) and outcome in ten minutes, with their count
 * (server/domain/aggregated-audit.ts) — a client without a cookie cannot grow the database.
 */
import { Hono, type Context } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { auditDecision } from '../domain/audit-decision.js';
import { aggregatedAuditFor } from '../domain/aggregated-audit.js';
import { formatFactors } from '../factors/proof.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { safeReturnUrl } from './return-url.js';
import { bestEffort } from '../db/best-effort.js';
import { requestLog } from '../http/request-log.js';
import { grantAuditKey } from '../domain/grant-audits.js';

export function forwardAuthRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const { db, clock, config, zoneDecision: zoneDecisionDeps, grantAudits: grants } = doors;
  const routes = new Hono<DoorEnv>();
  const refusals = aggregatedAuditFor(db, clock);

  const audit = async (
    c: Context<DoorEnv>,
    outcome: string,
    username: string | null,
    details?: object,
  ) => {
    const s = await zoneDecisionOf(c, zoneDecisionDeps);
    await bestEffort(
      'audit of verify',
      () =>
        auditDecision(db, clock, s, {
          action: 'verify',
          actor: username,
          username,
          outcome,
          details,
        }),
      requestLog(c),
    );
  };

  routes.get('/verify', async (c) => {
    const s = await zoneDecisionOf(c, zoneDecisionDeps);
    const actor = c.get('actor');
    const user = actor?.user ?? null;
    if (actor && user && !user.disabled) {
      const key = grantAuditKey(actor.sessionId ?? '', s.clientIp, s.requirement);
      if (grants.hit(key, null).kind === 'open') {
        await audit(c, 'granted', user.username, {
          factors: formatFactors(actor.factors ?? []),
        });
      }
      for (const [name, value] of Object.entries(grantHeaders(user))) c.header(name, value);
      return c.body(null, 200);
    }
    const outcome = c.get('enrolmentRequired')
      ? 'enrolment_required'
      : c.get('sessionInsufficient')
        ? 'second_factor_required'
        : 'not_signed_in';
    const username = actor?.username ?? null;
    await refusals.record(
      s,
      { action: 'verify', actor: username, username, outcome },
      { log: requestLog(c) },
    );
    c.header('Cache-Control', 'no-store');
    if (wantsRedirect(c)) {
      const original = originalUrl(c);
      const target = new URL(config.loginUrl);
      const back = original ? safeReturnUrl(original, config) : null;
      if (back) target.searchParams.set('return_to', back);
      return c.redirect(target.toString(), 302);
    }
    return c.json(
      {
        error: {
          code: outcome,
          message:
            outcome === 'enrolment_required'
              ? 'Set up a second factor on your profile first: it is required now.'
              : outcome === 'second_factor_required'
                ? 'From this address your sign-in needs a second factor. Please sign in again.'
                : 'Please sign in.',
        },
      },
      401,
    );
  });

  // Forward-auth is a GET (HEAD is answered by the GET handler without a body); anything else —
  // OPTIONS included, which must not look like a successful check — is 405.
  routes.all('/verify', (c) => getAndHeadOnly(c, 'The forward-auth check'));

  return routes;
}

/** The 405 of a proxy's check (forward-auth, the guard): it answers GET and HEAD only. */
export function getAndHeadOnly(c: Context, what: string): Response {
  c.header('Allow', 'GET, HEAD');
  return c.json(
    { error: { code: 'method_not_allowed', message: `${what} answers GET and HEAD only.` } },
    405,
  );
}

function wantsRedirect(c: Context): boolean {
  const q = c.req.query('redirect');
  if (q !== undefined) return q === '1' || q === 'true';
  return false;
}

/** The address the user asked the proxy for, from `X-Original-URL` or `X-Forwarded-Proto/Host/Uri`. */
function originalUrl(c: Context): string | null {
  const original = c.req.header('x-original-url');
  if (original) return original;
  const host = c.req.header('x-forwarded-host');
  if (!host) return null;
  const proto = c.req.header('x-forwarded-proto') ?? 'https';
  const uri = c.req.header('x-forwarded-uri') ?? '/';
  return `${proto}://${host}${uri.startsWith('/') ? uri : `/${uri}`}`;
}

/** The headers of a grant: who is signed in (docs/api.md), and that the answer is not cached. */
export function grantHeaders(user: {
  username: string;
  displayName: string;
  email: string;
  role: string;
}): Record<string, string> {
  return {
    'Remote-User': remoteHeaderValue(user.username),
    'Remote-Name': remoteHeaderValue(user.displayName),
    'Remote-Email': remoteHeaderValue(user.email),
    'Remote-Groups': user.role === 'admin' ? 'admins,users' : 'users',
    'Cache-Control': 'no-store',
  };
}

/**
 * The one encoding of the `Remote-*` headers (docs/api.md): printable ASCII other than `%` goes out
 * as it is, every other character as percent-encoded UTF-8 (`%` itself as `%25`). An ASCII name
 * arrives unchanged; `jürgen` arrives as `j%C3%BCrgen`, never as the Latin-1 byte 0xFC; a name
 * beyond U+00FF cannot make the header invalid (which answered 500).
 */
export function remoteHeaderValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e && ch !== '%') {
      out += ch;
      continue;
    }
    // Lone surrogates cannot be encoded as UTF-8: they become U+FFFD.
    const utf8 = Buffer.from(code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : ch, 'utf8');
    for (const byte of utf8) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
