/**
 * The first middleware of every request: gives it an id (as `hono/request-id` does: a sane incoming
 * `X-Request-Id` from the proxy is kept, otherwise a new UUID; echoed in the `X-Request-Id`
 * header), hands the rest of the request a logger that carries the id (`requestLog(c)`), writes
 * one log line when the answer is ready (method, route pattern, status, milliseconds — nothing from
 * headers, query or body), observes the latency histogram, and adds the id to every JSON error answer
 * (`{"error": {"code", "message", "requestId"}}`) so that a user's error can be found in the log.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { setFixedHeader } from './fixed-header.js';
import type { Logger } from '../platform/logger.js';
import { RequestLogger } from '../platform/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { RequestLogEnv } from './context.js';

/** Paths polled by machines: their request lines are logged at debug, not info. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The read doors asked many times a second (forward-auth before every proxied request, the zone
 * answer on every page with the widget): a successful answer is routine and logged at debug — the
 * latency histogram and the decision counters count them, the proxy's access log has each one —
 * while a refusal or an error is logged at info like any other request (issue 13).
 */
const ROUTINE_READS = new Set(['/api/zone', '/api/verify', '/api/session']);

export function requestContext(logger: Logger, metrics: Metrics | null): MiddlewareHandler[] {
  const context: MiddlewareHandler<RequestLogEnv> = async (c, next) => {
    const id = c.get('requestId') ?? requestIdFrom(undefined);
    const log = new RequestLogger(logger, id);
    c.set('log', log);
    const started = performance.now();
    await next();
    const status = c.res.status;
    recordRequest(log, metrics, {
      method: c.req.method,
      path: c.req.path,
      route: routeOf(c),
      status,
      ms: performance.now() - started,
    });
    if (status >= 400) await addRequestId(c, id);
  };
  return [requestId, context];
}

/**
 * `hono/request-id`'s rule: a sane incoming `X-Request-Id` (up to 100 word characters, `-` and
 * `=`) is kept, else a new UUID.
 */
export function requestIdFrom(sent: string | undefined): string {
  return !sent || sent.length > 100 || /[^\w\-=]/.test(sent) ? crypto.randomUUID() : sent;
}

/** The request id, with the header set by `setFixedHeader`. */
const requestId: MiddlewareHandler<RequestLogEnv> = async (c, next) => {
  const id = requestIdFrom(c.req.header('x-request-id'));
  c.set('requestId', id);
  setFixedHeader(c, 'X-Request-Id', id);
  await next();
};

/** What one finished request left behind: the latency histogram and its request line. */
export interface RequestRecord {
  method: string;
  path: string;
  /** The matched route pattern (`unmatched` for a 404). */
  route: string;
  status: number;
  ms: number;
}

/** Observes the latency and writes the request line (at debug for routine reads). */
export function recordRequest(log: RequestLogger, metrics: Metrics | null, r: RequestRecord): void {
  metrics?.httpDuration.observe(
    { method: r.method, route: r.route, status: String(r.status) },
    r.ms / 1000,
  );
  const routine =
    QUIET.has(r.path) || (r.status < 400 && ROUTINE_READS.has(r.path) && isRead(r.method));
  const level = routine ? 'debug' : 'info';
  if (!log.enabled(level)) return;
  const line = {
    method: r.method,
    route: r.route,
    status: r.status,
    ms: Math.round(r.ms * 10) / 10,
  };
  log.logger[level](line, 'request');
}

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The matched route pattern (low cardinality), or `unmatched` for a 404. */
function routeOf(c: Context): string {
  const path = c.req.routePath;
  return !path || path === '/*' || path === '*' ? 'unmatched' : path;
}

async function addRequestId(c: Context, id: string): Promise<void> {
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) return;
  let body: unknown;
  try {
    body = await c.res.clone().json();
  } catch {
    return;
  }
  const error = (body as { error?: unknown })?.error;
  if (!error || typeof error !== 'object' || 'requestId' in error) return;
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(JSON.stringify({ ...body!, error: { ...error, requestId: id } }), {
    status: c.res.status,
    headers,
  });
}
