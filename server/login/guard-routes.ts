/**
 * The guard in front of Jira, Confluence and Bitbucket (issue 24; docs/integration-atlassian.md,
 * part C): the reverse proxy asks `GET /api/guard` before every request to the product (nginx
 * `auth_request`; Apache through the FastCGI authorizer, server/ops/fcgi-guard.ts) and forwards it
 * only on 200. The proxy hands over the original request in headers:
 *
 * - `X-Original-Method` and `X-Original-URI` (the request line as the client sent it),
 * - `X-Original-Content-Type` (else the subrequest's own `Content-Type`, which nginx passes on),
 * - the client's own `Authorization` and `Cookie` (nginx's subrequest carries them as they came) —
 *   only the scheme of `Authorization` is looked at, and neither value is ever logged or stored,
 * - the client address the usual way (`X-Forwarded-For` from a trusted proxy).
 *
 * The rule is `decideGuard` (server/policy/guard-rule.ts) over the request's zone decision — the one
 * decision every door asks — and its session (the session middleware's `actor`). A refusal is a
 * 403: JSON for API clients, a short page in English or German for browsers (also at
 * `GET /api/guard/refused`, which the proxy's error page fetches: nginx does not pass an
 * `auth_request` answer's body on). Decisions are counted in `/metrics` per request and audited
 * once per address, user name and outcome in ten minutes (server/domain/guard-audits.ts).
 */
import { Hono, type Context } from 'hono';
import type { AppProviders } from '../providers.js';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import type { ZoneDecision } from '../domain/zone-decision.js';
import { auditDecision } from '../domain/audit-decision.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { bestEffort } from '../db/best-effort.js';
import { requestLog } from '../http/request-log.js';
import { decideGuard, shapeOf, type GuardVerdict, type RequestShape } from '../policy/index.js';
import type { Metrics } from '../ops/metrics.js';
import type { GuardAudits } from '../domain/guard-audits.js';
import { refusalPage } from './guard-refusal.js';
import { getAndHeadOnly } from './forward-auth-routes.js';

export const GUARD_PATH = '/api/guard';

export function guardRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const { db, clock, config, zoneDecision: zoneDecisionDeps, guardAudits: audits, metrics } = doors;
  const routes = new Hono<DoorEnv>();

  routes.get('/guard/refused', (c) => refuse(c, config.loginUrl));

  routes.get('/guard', async (c) => {
    const s = await zoneDecisionOf(c, zoneDecisionDeps);
    const shape = shapeOf({
      method: c.req.header('x-original-method'),
      uri: c.req.header('x-original-uri'),
      authorization: c.req.header('authorization'),
      contentType: c.req.header('x-original-content-type') ?? c.req.header('content-type'),
    });
    const actor = c.get('actor');
    const verdict = decideGuard({
      passwordEnough: s.requirement === 'password',
      sessionEnough: actor !== undefined,
      tokensOutside: config.guardTokensOutside,
      shape,
      enrolmentRequired: c.get('enrolmentRequired') === true,
    });
    await recordGuardDecision(
      c,
      { db, clock, audits, metrics },
      s,
      actor?.username ?? null,
      shape,
      verdict,
    );
    c.header('Cache-Control', 'no-store');
    if (verdict.pass) return c.body(null, 200);
    return refuse(c, config.loginUrl);
  });

  // The proxy asks with GET (HEAD is answered by the GET handler); anything else is 405.
  routes.all('/guard', (c) => getAndHeadOnly(c, 'The guard'));

  return routes;
}

/**
 * Counts a guard decision in `/metrics` and audits it through the guard's audit windows — shared by
 * `GET /api/guard` and the OAuth 2.0 token relay (guard-relay.ts), which adds `extra` details.
 */
export async function recordGuardDecision(
  c: Context<DoorEnv>,
  deps: {
    db: AppProviders['db'];
    clock: AppProviders['clock'];
    audits: GuardAudits;
    metrics: Metrics;
  },
  s: ZoneDecision,
  actor: string | null,
  shape: RequestShape,
  verdict: GuardVerdict,
  extra: object = {},
): Promise<void> {
  deps.metrics.guardDecisions.inc({
    outcome: verdict.pass ? 'passed' : 'refused',
    reason: verdict.reason,
    door: shape.door ?? 'none',
  });
  const due = deps.audits.hit(s.clientIp, actor ?? shape.claimedUser, verdict.reason);
  if (!due) return;
  await bestEffort(
    'audit of guard',
    () =>
      auditDecision(deps.db, deps.clock, s, {
        action: 'guard',
        actor,
        username: due.username,
        outcome: verdict.pass ? 'passed' : 'refused',
        details: {
          ...auditDetails(verdict, shape),
          ...extra,
          ...due.details,
          ...(due.repeats ? { repeats: due.repeats } : {}),
        },
      }),
    requestLog(c),
  );
}

/** What the audit row says: the reason, the door and the normalised path — never the query. */
function auditDetails(verdict: GuardVerdict, shape: RequestShape): object {
  return {
    guard: verdict.reason,
    method: shape.method,
    path: shape.path?.slice(0, 200) ?? null,
    door: shape.door,
    credential: shape.authorization,
    ...(shape.passwordParams.length > 0 ? { parameters: shape.passwordParams } : {}),
    ...(shape.problems.length > 0 ? { problems: shape.problems } : {}),
  };
}

/** The 403: JSON when the client asks for JSON (or not for HTML), else the short page. */
export function refuse(c: Context<DoorEnv>, loginUrl: string): Response {
  c.header('Cache-Control', 'no-store');
  const product = productName(c.req.header('x-ipsafezone-product'));
  const accept = c.req.header('accept') ?? '';
  if (!/text\/html/i.test(accept) || /application\/json/i.test(accept.split(',')[0] ?? '')) {
    return c.json(
      {
        error: {
          code: 'outside_password_refused',
          message: `From outside the company network ${product} takes no password. Sign in through single sign-on, or use a personal access token (Authorization: Bearer).`,
        },
      },
      403,
    );
  }
  const page = refusalPage({
    acceptLanguage: c.req.header('accept-language'),
    product,
    loginUrl,
    returnTo: c.req.header('x-original-uri'),
  });
  c.header('Content-Security-Policy', page.csp);
  return c.html(page.html, 403);
}

const PRODUCTS: Record<string, string> = {
  jira: 'Jira',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
};

/** The product's name for the page, from the header the generated proxy config sets. */
function productName(header: string | undefined): string {
  return PRODUCTS[(header ?? '').trim().toLowerCase()] ?? 'This application';
}
