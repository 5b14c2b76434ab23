/**
 * How a fast path (zone-fast-path.ts, forward-auth-fast-path.ts) answers: a 200 with the request id (the chain's
 * rule: a sane `X-Request-Id` is kept), the API's fixed headers and its own, recorded in the latency
 * histogram and the request line as the chain's first middleware would — so an answer from a fast
 * path looks, to the client, the proxy and the operator, like one from the chain.
 */
import { API_HEADERS } from '../http/security-headers.js';
import { RequestLogger, type Logger } from '../platform/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { recordRequest, requestIdFrom } from '../http/request-context.js';

const FIXED_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(API_HEADERS);

export interface LeanAnswerDeps {
  logger: Logger;
  metrics: Metrics | null;
}

export function fastPathAnswer(
  deps: LeanAnswerDeps,
  request: { path: string; sentId: string | undefined; started: number },
  body: string | null,
  headers: Readonly<Record<string, string>>,
): Response {
  const id = requestIdFrom(request.sentId);
  const answer = new Response(body, {
    status: 200,
    headers: { 'X-Request-Id': id, ...FIXED_HEADERS, ...headers },
  });
  recordRequest(new RequestLogger(deps.logger, id), deps.metrics, {
    method: 'GET',
    path: request.path,
    route: request.path,
    status: 200,
    ms: performance.now() - request.started,
  });
  return answer;
}
