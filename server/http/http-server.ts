/**
 * The Node HTTP server around the app, with the limits a service needs: a whole request (headers
 * and body) must arrive within `requestTimeoutMs`, its headers within `headersTimeoutMs` (slow
 * clients cannot hold connections open for minutes); a request Node cannot parse, and one whose
 * `Host` makes no URL, gets the JSON error shape (400 `bad_request`) instead of an empty or plain
 * text answer; a client that hangs up is not an error.
 */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../platform/logger.js';

export interface HttpLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

const BAD_REQUEST = JSON.stringify({
  error: { code: 'bad_request', message: 'The request could not be read.' },
});

export function createHttpServer(
  fetch: (request: Request, env: never) => Response | Promise<Response>,
  options: HttpLimits & { hostname: string; logger: Logger },
): Server {
  const listener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
    hostname: options.hostname,
    errorHandler: () =>
      new Response(BAD_REQUEST, {
        status: 400,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
  });
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.headersTimeoutMs, options.requestTimeoutMs),
      keepAliveTimeout: 5_000,
      // How often Node looks for requests past their time-outs (its default is 30 s).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => void listener(req, res),
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const code = err.code ?? 'unknown';
    // The client hung up (mid-request too): nothing to answer and nothing wrong here.
    if (
      code === 'ECONNRESET' ||
      code === 'EPIPE' ||
      code === 'HPE_INVALID_EOF_STATE' ||
      !socket.writable
    ) {
      options.logger.debug({ code }, 'the client closed the connection');
      socket.destroy();
      return;
    }
    const timeout = code === 'ERR_HTTP_REQUEST_TIMEOUT';
    options.logger.info({ code }, timeout ? 'request timed out' : 'malformed request');
    const status = timeout ? '408 Request Timeout' : '400 Bad Request';
    const body = timeout
      ? JSON.stringify({
          error: { code: 'request_timeout', message: 'The request took too long to arrive.' },
        })
      : BAD_REQUEST;
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
