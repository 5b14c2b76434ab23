/**
 * Forward-auth for reverse proxies (nginx `auth_request`, Traefik `forwardAuth`, Caddy
 * `forward_auth`): 200 with `Remote-User`, `Remote-Name`, `Remote-Email`, `Remote-Groups` when the
 * request carries a session whose proven factors are enough from the address it comes from now —
 * the same decision as the login API. Otherwise 401, or, when asked (`?redirect=1`, or a browser
 * navigation: `Accept: text/html` without nginx's auth subrequest), a 302 to the login page that
 * carries the original address — only when that address is on one of our allowed hosts.
 *
 * Every answer is audited; repeated grants for the same session, address and mode are audited once
 * per ten minutes so that a busy proxy does not flood the log.
 */
import { Hono, type Context } from 'hono';
import type { AppProviders } from '../providers.js';
import type { AppEnv } from '../http/context.js';
import type { StandingDeps } from '../domain/standing.js';
import { auditDecision } from '../domain/audit-decision.js';
import { formatFactors } from '../auth/factors.js';
import { standingOf } from '../http/standing-of.js';
import { safeReturnUrl } from './return-url.js';
import { bestEffort } from '../db/best-effort.js';

const GRANT_AUDIT_EVERY_MS = 10 * 60_000;
const MAX_REMEMBERED_GRANTS = 10_000;

export function verifyRoutes(providers: AppProviders, standingDeps: StandingDeps): Hono<AppEnv> {
  const { db, clock, config } = providers;
  const lastGrantAudit = new Map<string, number>();
  const routes = new Hono<AppEnv>();

  const audit = async (
    c: Context<AppEnv>,
    outcome: string,
    username: string | null,
    details?: object,
  ) => {
    const s = await standingOf(c, standingDeps);
    await bestEffort('audit of verify', () =>
      auditDecision(db, clock, s, {
        action: 'verify',
        actor: username,
        username,
        outcome,
        details,
      }),
    );
  };

  routes.get('/verify', async (c) => {
    const s = await standingOf(c, standingDeps);
    const actor = c.var.actor;
    const user = actor?.user ?? null;
    if (actor && user && !user.disabled) {
      const key = `${actor.sessionId}|${s.clientIp}|${s.requirement}`;
      const last = lastGrantAudit.get(key);
      if (last === undefined || clock.now() - last >= GRANT_AUDIT_EVERY_MS) {
        if (lastGrantAudit.size >= MAX_REMEMBERED_GRANTS) lastGrantAudit.clear();
        lastGrantAudit.set(key, clock.now());
        await audit(c, 'granted', user.username, {
          factors: formatFactors(actor.factors ?? []),
        });
      }
      c.header('Remote-User', user.username);
      c.header('Remote-Name', headerSafe(user.displayName));
      c.header('Remote-Email', headerSafe(user.email));
      c.header('Remote-Groups', user.role === 'admin' ? 'admins,users' : 'users');
      c.header('Cache-Control', 'no-store');
      return c.body(null, 200);
    }
    const outcome = c.var.sessionInsufficient ? 'second_factor_required' : 'not_signed_in';
    await audit(c, outcome, actor?.username ?? null);
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
            outcome === 'second_factor_required'
              ? 'From this address your sign-in needs your SecSign ID. Please sign in again.'
              : 'Please sign in.',
        },
      },
      401,
    );
  });

  return routes;
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

/** Header values must not carry line breaks or non-Latin-1 characters. */
function headerSafe(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, ' ').replace(/%40/g, '@');
}
