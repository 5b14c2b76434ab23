/**
 * One HTTP exchange with one SecSign ID server (the httpapi's form POST, or a REST v2 GET/DELETE),
 * with the outcome sorted the way the failover rule needs it.
 *
 * SecSign's SDKs try their second server only when the first could not be *reached* — a
 * connection, DNS or TLS error or a connect time-out — because once a request has arrived, the
 * first server may already have created the auth session (and pushed it to the phone); asking the
 * second would push another, suspend the first and count towards freezing the ID. So this module
 * tells apart:
 * - {@link Unreached}: no connection was made (refused, DNS, TLS handshake, time-out while
 *   connecting). The caller may ask the next server.
 * - {@link NoAnswer}: connected and sent, but no answer came (time-out, reset). The request may
 *   have been handled: the caller must not ask another server.
 * - a resolved {@link HttpAnswer}: any HTTP status with its body.
 * It uses node:http(s) rather than fetch to see the moment the connection (and TLS) is up, opens a
 * fresh connection per request (as the PHP SDK's `CURLOPT_FRESH_CONNECT`), verifies certificates,
 * follows no redirects and reads at most {@link MAX_ANSWER_BYTES}.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { SecSignError } from './types.js';

/** Largest answer body we read; an access pass is a few kilobytes. */
export const MAX_ANSWER_BYTES = 256 * 1024;

export interface HttpAnswer {
  status: number;
  body: string;
}

/** The server could not be reached at all: the next server may be asked. */
export class Unreached extends Error {}

/** Connected and sent, but no answer came: do not ask another server. */
export class NoAnswer extends Error {}

/**
 * POSTs `body` (form-encoded) to `server` and resolves with the HTTP answer, or rejects with
 * {@link Unreached}, {@link NoAnswer}, or a `protocol` {@link SecSignError} for an oversized body.
 * `timeoutMs` bounds the whole exchange; when it runs out before the connection is up, that is a
 * connect time-out ({@link Unreached}).
 */
export function postForm(server: URL, body: string, timeoutMs: number): Promise<HttpAnswer> {
  return exchange(
    server,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    },
    timeoutMs,
  );
}

/** One request: the method, the headers exactly as written (names keep their case), a body or none. */
export interface HttpExchange {
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
}

/**
 * Sends one request to `server` (a full URL) on a fresh connection and sorts the outcome as {@link postForm}
 * describes. Header names are sent as written (Node keeps their case on the wire), so a caller can
 * reproduce another client's request head.
 */
export function exchange(server: URL, init: HttpExchange, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const finish = (error: Error | null, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const failure = (what: string) =>
      connected ? new NoAnswer(`${what} after the request was sent`) : new Unreached(what);

    const secure = server.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const req: ClientRequest = send(server, {
      method: init.method,
      agent: false,
      headers: init.headers,
    });
    const timer = setTimeout(() => finish(failure(`no answer within ${timeoutMs} ms`)), timeoutMs);

    req.on('socket', (socket: Socket) => {
      const up = () => (connected = true);
      if (!socket.connecting && !secure) up();
      else socket.once(secure ? 'secureConnect' : 'connect', up);
    });
    req.on('error', (e) => finish(failure(describe(e))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_ANSWER_BYTES) {
          finish(
            new SecSignError('protocol', 'The SecSign ID server sent an answer that is too large.'),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(null, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('close', () => {
        if (!res.complete) finish(new NoAnswer('the answer broke off'));
      });
      res.on('error', (e) => finish(new NoAnswer(describe(e))));
    });
    req.end(init.body);
  });
}

function describe(e: Error): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? `${e.message} (${code})` : e.message;
}

/** What a failover reader returns for a 2xx answer that is not SecSign's: ask the next server. */
export const NOT_SECSIGN = Symbol('not SecSign');

/**
 * The failover rule of both SecSign clients: asks `servers` in order, moving on only when one was
 * not reached ({@link Unreached}) or `read` calls its 2xx answer {@link NOT_SECSIGN}; a connection
 * that took the request but gave no answer stops here (`unreachable`), as does any answer `read`
 * accepts or throws for. When no server gave a usable answer: `protocol` if one answered garbage,
 * else `unreachable`.
 */
export async function askInTurn<S extends { label: string }, T>(
  servers: readonly S[],
  ask: (server: S) => Promise<HttpAnswer>,
  read: (answer: HttpAnswer, server: S) => T | typeof NOT_SECSIGN,
): Promise<T> {
  const failures: string[] = [];
  let garbage = false;
  for (const server of servers) {
    let answer: HttpAnswer;
    try {
      answer = await ask(server);
    } catch (e) {
      if (e instanceof Unreached) {
        failures.push(`${server.label}: ${e.message}`);
        continue;
      }
      if (e instanceof NoAnswer) {
        throw new SecSignError('unreachable', `SecSign ID server ${server.label}: ${e.message}.`);
      }
      throw e;
    }
    const result = read(answer, server);
    if (result !== NOT_SECSIGN) return result;
    // 2xx but not SecSign's: this is not an ID server answering. Try the next one.
    garbage = true;
    failures.push(`${server.label}: HTTP ${answer.status} with an answer that is not SecSign's`);
  }
  throw new SecSignError(
    garbage ? 'protocol' : 'unreachable',
    `No SecSign ID server gave a usable answer (${failures.join('; ')}).`,
  );
}
