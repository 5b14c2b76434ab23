/**
 * Forward-auth's grants answered ahead of the general middleware chain (issue 13): nginx asks
 * `GET /api/verify` before every request to Jira, and nearly every answer is a grant whose audit
 * row was written minutes ago. This handler, registered before the chain, answers exactly those:
 * a GET whose session cookie makes an actor from where the request stands (`sessionVerdict`, the
 * session middleware's own decision) and whose grant audit is not due (server/domain/grant-audits.ts), with the
 * verify route's headers (`grantHeaders`), the API's fixed headers, the request id, the latency
 * histogram and the request line. It writes nothing.
 *
 * Everything else goes on with `next()` to the chain and the verify route, which answer it as
 * before: no cookie, a session that is not enough from here (401 or the redirect to the login
 * page), a grant whose audit is due (the route writes it), HEAD, a request the door cannot judge.
 * What the door worked out on the way (the client address, the zone decision) is left on the context,
 * so the chain does not compute it again. test/server/perf-doors/forward-auth-fast-path.test.ts compares the
 * answers of an app with and one without this door over real HTTP.
 */
import type { MiddlewareHandler } from 'hono';
import type { ClientAddressResolver } from '../client-address/types.js';
import type { DoorEnv } from '../http/context.js';
import { clientAddressOf } from '../http/client-address-middleware.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { fastPathAnswer, type LeanAnswerDeps } from './fast-path-answer.js';
import { grantAuditKey, type GrantAudits } from '../domain/grant-audits.js';
import { sessionVerdict, type SessionDeps } from './session-middleware.js';
import { grantHeaders } from './forward-auth-routes.js';

export const VERIFY_PATH = '/api/verify';

export interface ForwardAuthFastPathDeps extends LeanAnswerDeps {
  sessions: SessionDeps;
  resolveClientAddress: ClientAddressResolver;
  grants: GrantAudits;
}

export function forwardAuthFastPath(deps: ForwardAuthFastPathDeps): MiddlewareHandler<DoorEnv> {
  return async (c, next) => {
    const started = performance.now();
    if (c.req.method !== 'GET') return next();
    let headers: Record<string, string>;
    try {
      c.set('client', clientAddressOf(c, deps.resolveClientAddress));
      const verdict = await sessionVerdict(c, deps.sessions);
      if (!verdict || !('actor' in verdict)) return next();
      const { actor } = verdict;
      const s = await zoneDecisionOf(c, deps.sessions);
      if (deps.grants.due(grantAuditKey(actor.sessionId ?? '', s.clientIp, s.requirement))) {
        return next();
      }
      headers = grantHeaders(actor.user!);
    } catch {
      // The chain answers it (a 503 with the request id in body and log) — nothing was sent yet.
      return next();
    }
    const sentId = c.req.header('x-request-id');
    return fastPathAnswer(deps, { path: VERIFY_PATH, sentId, started }, null, headers);
  };
}
