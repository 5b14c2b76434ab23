/**
 * The guard for Apache httpd (issue 24): Apache has no `auth_request`, but its mod_authnz_fcgi asks
 * a FastCGI *authorizer* before it lets a request through. This is that authorizer: a small
 * FastCGI listener (`IPSAFEZONE_FCGI_GUARD=host:port`) that turns each authorizer request into
 * `GET /api/guard` on the app itself — the same route, decision, audit and metrics as nginx's
 * `auth_request` — and its answer back into a CGI response: 200 with a `Variable-IPSAFEZONE_GUARD`
 * (Apache lets the request through), or the refusal's status, type and page, which Apache sends to
 * the client as they are.
 *
 * What Apache sends is the CGI environment (FastCGI spec 6.3): `REQUEST_METHOD`, `REQUEST_URI` (as
 * the client sent it), `CONTENT_TYPE`, `REMOTE_ADDR`, and the request's headers as `HTTP_*`
 * (`HTTP_AUTHORIZATION` only with `CGIPassAuth On`). `REMOTE_ADDR` becomes the client address:
 * the web server that connected here states it, as the socket peer does for HTTP. Whoever can
 * connect to this port can only ask questions — the answer lets nothing through but Apache — so
 * bind it to loopback (or the web server's network). Only FastCGI's framing is implemented: one
 * request per connection, no multiplexing (mod_authnz_fcgi opens a connection per check).
 */
import { createServer, type Server, type Socket } from 'node:net';

const VERSION = 1;
const BEGIN_REQUEST = 1;
const END_REQUEST = 3;
const PARAMS = 4;
const STDOUT = 6;
const ROLE_AUTHORIZER = 2;
/** A request's parameters may not exceed this (Apache sends a few kilobytes). */
const MAX_PARAMS_BYTES = 64 * 1024;

type Fetch = (request: Request, env: object) => Response | Promise<Response>;

export interface FcgiGuardOptions {
  /** The app's fetch (the Hono app): the request goes to `/api/guard` there. */
  fetch: Fetch;
  /** The public URL the request is addressed to (the app's host check). */
  publicUrl: string;
  onError?: (err: Error) => void;
}

/** CGI parameters that become the guard request's headers. */
const HEADERS: Readonly<Record<string, string>> = {
  REQUEST_METHOD: 'x-original-method',
  REQUEST_URI: 'x-original-uri',
  CONTENT_TYPE: 'x-original-content-type',
  HTTP_AUTHORIZATION: 'authorization',
  HTTP_COOKIE: 'cookie',
  HTTP_ACCEPT: 'accept',
  HTTP_ACCEPT_LANGUAGE: 'accept-language',
  HTTP_X_IPSAFEZONE_PRODUCT: 'x-ipsafezone-product',
  HTTP_X_REQUEST_ID: 'x-request-id',
};

export function createFcgiGuard(options: FcgiGuardOptions): Server {
  return createServer((socket) => {
    serve(socket, options).catch((err: unknown) => {
      options.onError?.(err instanceof Error ? err : new Error(String(err)));
      socket.destroy();
    });
  });
}

async function serve(socket: Socket, options: FcgiGuardOptions): Promise<void> {
  const params = await readRequest(socket);
  if (!params) {
    socket.destroy();
    return;
  }
  const { id, values } = params;
  const headers = new Headers();
  for (const [param, header] of Object.entries(HEADERS)) {
    const v = values.get(param);
    if (v !== undefined && v !== '') headers.set(header, v);
  }
  const peer = values.get('REMOTE_ADDR');
  const url = new URL('/api/guard', options.publicUrl);
  const answer = await options.fetch(new Request(url, { method: 'GET', headers }), {
    incoming: { socket: { remoteAddress: peer } },
  });
  const body = answer.status === 200 ? '' : await answer.text();
  let head = `Status: ${answer.status}\r\n`;
  if (answer.status === 200) head += 'Variable-IPSAFEZONE_GUARD: passed\r\n';
  for (const name of ['content-type', 'cache-control', 'content-security-policy']) {
    const v = answer.headers.get(name);
    if (v) head += `${name}: ${v}\r\n`;
  }
  const out = Buffer.from(`${head}\r\n${body}`, 'utf8');
  const records: Buffer[] = [];
  for (let at = 0; at < out.length; at += 0xffff) {
    records.push(record(STDOUT, id, out.subarray(at, Math.min(out.length, at + 0xffff))));
  }
  records.push(record(STDOUT, id, Buffer.alloc(0)));
  const end = Buffer.alloc(8);
  records.push(record(END_REQUEST, id, end));
  socket.end(Buffer.concat(records));
}

function record(type: number, id: number, content: Buffer): Buffer {
  const padding = (8 - (content.length % 8)) % 8;
  const header = Buffer.alloc(8);
  header.writeUInt8(VERSION, 0);
  header.writeUInt8(type, 1);
  header.writeUInt16BE(id, 2);
  header.writeUInt16BE(content.length, 4);
  header.writeUInt8(padding, 6);
  return Buffer.concat([header, content, Buffer.alloc(padding)]);
}

/**
 * Reads records until the parameter stream ends: the request id and its parameters, or null for a
 * connection that is not an authorizer request (wrong role, too large, closed early).
 */
function readRequest(socket: Socket): Promise<{ id: number; values: Map<string, string> } | null> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let params = Buffer.alloc(0);
    let id = -1;
    const done = (v: { id: number; values: Map<string, string> } | null) => {
      socket.off('data', onData);
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      try {
        take(chunk);
      } catch {
        done(null); // a malformed record: the connection is dropped
      }
    };
    const take = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 8) {
        const type = buffered.readUInt8(1);
        const length = buffered.readUInt16BE(4);
        const padding = buffered.readUInt8(6);
        if (buffered.length < 8 + length + padding) return;
        const content = buffered.subarray(8, 8 + length);
        const requestId = buffered.readUInt16BE(2);
        buffered = buffered.subarray(8 + length + padding);
        if (type === BEGIN_REQUEST) {
          if (content.readUInt16BE(0) !== ROLE_AUTHORIZER) return done(null);
          id = requestId;
        } else if (type === PARAMS && requestId === id) {
          if (length === 0) return done({ id, values: decodeParams(params) });
          params = Buffer.concat([params, content]);
          if (params.length > MAX_PARAMS_BYTES) return done(null);
        }
      }
    };
    socket.on('data', onData);
    socket.once('close', () => done(null));
    socket.once('error', () => done(null));
  });
}

/** FastCGI name-value pairs: each length in one byte, or four with the top bit set. */
function decodeParams(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  const length = (): number => {
    const first = buf.readUInt8(at);
    if (first < 0x80) {
      at += 1;
      return first;
    }
    const n = buf.readUInt32BE(at) & 0x7fffffff;
    at += 4;
    return n;
  };
  while (at < buf.length) {
    const nameLength = length();
    const valueLength = length();
    if (at + nameLength + valueLength > buf.length) break;
    const name = buf.toString('latin1', at, at + nameLength);
    at += nameLength;
    out.set(name, buf.toString('latin1', at, at + valueLength));
    at += valueLength;
  }
  return out;
}
