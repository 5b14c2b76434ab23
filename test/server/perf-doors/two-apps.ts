/**
 * What the fast-door tests (zone-fast-path.test.ts, forward-auth-fast-path.test.ts) share: a second app on the
 * fixture's database with the fast paths off, served over real HTTP; one request with exactly the
 * given headers (Host included); and the parts of an answer that must agree between the two apps.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/app.js';
import type { Fixture } from '../login/fixture.js';

/** The same app without its fast paths, on the fixture's database and providers. */
export async function startChainOnly(
  f: Fixture,
): Promise<{ port: number; close(): Promise<void> }> {
  const app = createApp(f.providers, { fastPaths: false });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        port: (info as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

export interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (Host included) to the server on `port`. */
export function ask(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Raw> {
  // A body is framed by its length unless the case sends it chunked (Node frames neither on a GET).
  if (body !== undefined && !headers['transfer-encoding']) {
    headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What must agree: status, headers without Date (and a server-made request id), the body. */
export function comparable(r: Raw, sentId: boolean, label: string): unknown {
  const headers = { ...r.headers };
  delete headers.date;
  let body: unknown = r.body;
  if (!sentId) {
    assert.match(String(headers['x-request-id']), /^[0-9a-f-]{36}$/, label);
    delete headers['x-request-id'];
    try {
      const json = JSON.parse(r.body) as { error?: { requestId?: string } };
      if (json.error?.requestId) json.error.requestId = '(made by the server)';
      body = json;
    } catch {
      // empty or not JSON: compared as text
    }
  }
  return { status: r.status, headers, body };
}
