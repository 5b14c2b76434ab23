/**
 * `GET /api/zone` answered ahead of the general middleware chain (issue 13). Every page with the
 * widget asks it, and the chain's generality (ten middlewares, each asking what kind of request
 * this is) cost more than the answer itself: this handler is registered before the chain and
 * answers a plain request — a GET with no `Origin` and no body, for one of our hosts — with the
 * same pieces the chain would run, as plain calls: the host check (`ownHostCheck`), the client
 * address (the app's resolver), where it stands (`decideZone`), the answer (`zoneInfoOf`), the
 * API's fixed headers, the request id, the latency histogram and the request line.
 *
 * Anything else — another method, an `Origin` (CORS, the labelled refusal of a foreign page), a
 * body (415), a foreign host (421), a zone decision that cannot be computed (503) — is handed on with
 * `next()` to the chain and the regular route, which answer it as before. So the fast path can only
 * ever answer what the chain would have answered 200; test/server/perf-doors/zone-fast-path.test.ts
 * compares both, request by request, over real HTTP.
 *
 * The zone answer is about the address, never the user: no session is read here (nor by the chain
 * for this path, see session-middleware.ts), and nothing is written.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '../config/settings.js';
import type { ClientAddressResolver } from '../client-address/types.js';
import { decideZone, type ZoneDecisionDeps } from '../domain/zone-decision.js';
import type { DoorEnv } from '../http/context.js';
import { clientAddressOf } from '../http/client-address-middleware.js';
import { ownHostCheck } from '../http/request-guard.js';
import { fastPathAnswer, type LeanAnswerDeps } from './fast-path-answer.js';
import { countZoneAnswer, zoneInfoOf } from './zone-answer.js';

export const ZONE_PATH = '/api/zone';

export interface ZoneFastPathDeps extends LeanAnswerDeps {
  config: Pick<AppConfig, 'publicUrl'>;
  resolveClientAddress: ClientAddressResolver;
  zoneDecision: ZoneDecisionDeps;
}

/**
 * The headers the chain gives a zone answer besides the request id and the API's security set
 * (fast-path-answer.ts): `Vary: Origin` (the widget's endpoints answer CORS by origin) and the JSON type
 * `c.json` sets.
 */
const ANSWER_HEADERS: Readonly<Record<string, string>> = {
  Vary: 'Origin',
  'Content-Type': 'application/json',
};

/** A handler for `GET /api/zone`, to be registered before the middleware chain. */
export function zoneFastPath(deps: ZoneFastPathDeps): MiddlewareHandler<DoorEnv> {
  const ownHost = ownHostCheck(deps.config);
  return async (c, next) => {
    const started = performance.now();
    const headers = c.req.raw.headers;
    const plain =
      c.req.method === 'GET' &&
      headers.get('origin') === null &&
      (headers.get('content-length') ?? '0') === '0' &&
      headers.get('transfer-encoding') === null &&
      ownHost(c.req.url);
    if (!plain) return next();
    let body: string;
    try {
      const client = clientAddressOf(c, deps.resolveClientAddress);
      const zoneDecision = await decideZone(deps.zoneDecision, client);
      body = JSON.stringify(zoneInfoOf(zoneDecision));
      countZoneAnswer(deps.metrics, zoneDecision);
    } catch {
      // The chain answers it (503 with the request id in body and log) — nothing was sent yet.
      return next();
    }
    const sentId = headers.get('x-request-id') ?? undefined;
    return fastPathAnswer(deps, { path: ZONE_PATH, sentId, started }, body, ANSWER_HEADERS);
  };
}
