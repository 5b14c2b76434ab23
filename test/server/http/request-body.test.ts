/**
 * Request bodies over real HTTP (server/http/request-body.ts): JSON bodies with a declared length
 * are read from Node's stream, everything else as before — and the answers are the ones the same
 * request gets when it is sent chunked (no Content-Length), which takes the adapter's path.
 * Limits hold either way; a client that hangs up mid-body gets no 500 and leaves the server
 * answering.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'node:http';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

const UNICODE_PASSWORD = 'päßwörd ünïcödé 1';

let f: Fixture;
before(async () => {
  f = await startFixture();
  await createUser(f.db, f.clock, CLI_ACTOR, {
    username: 'jürgen',
    password: UNICODE_PASSWORD,
    displayName: 'Jürgen',
  });
});
after(async () => {
  await f.close();
});

interface Answer {
  status: number;
  body: unknown;
}

/** POST over real HTTP; `chunked` sends the body without a Content-Length. */
function post(path: string, body: string, type: string, chunked = false): Promise<Answer> {
  const headers: Record<string, string> = {
    host: new URL(f.origin).host,
    origin: f.origin,
    'content-type': type,
    'x-forwarded-for': INSIDE,
  };
  if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
  else headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: f.port, method: 'POST', path, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: parse(text) }));
      },
    );
    req.on('error', reject);
    // In several writes, as a streaming client sends them — cut inside a multi-byte character
    // too (every 7th byte), so a reader that decodes piece by piece would garble it.
    const bytes = Buffer.from(body);
    const step = chunked ? 1000 : 7;
    let i = 0;
    const more = () => {
      if (i >= bytes.length) return req.end();
      req.write(bytes.subarray(i, (i += step)));
      setImmediate(more);
    };
    more();
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An answer without what differs per request (the request id). */
function stable(a: Answer): Answer {
  const body = structuredClone(a.body) as { error?: { requestId?: string } };
  if (body && typeof body === 'object' && body.error) delete body.error.requestId;
  return { status: a.status, body };
}

const JSON_TYPE = 'application/json';
const login = (username: string, password: string) => JSON.stringify({ username, password });

test('JSON bodies read from the stream give the answers the adapter path gives', async () => {
  const cases: [string, string, string][] = [
    ['a wrong password', login('carol', 'not the password'), JSON_TYPE],
    ['malformed JSON', '{"username": "carol", "password": ', JSON_TYPE],
    ['JSON that is not an object', '"carol"', JSON_TYPE],
    ['a charset parameter', login('nobody', 'whatever it is'), `${JSON_TYPE}; charset=utf-8`],
    ['not JSON at all', 'username=carol', 'application/x-www-form-urlencoded'],
    ['UTF-8 split across chunks', login('ｃａｒｏｌ', 'päßwörd ünïcödé'), JSON_TYPE],
  ];
  for (const [label, body, type] of cases) {
    const overHttp = await post('/api/login/password', body, type);
    const adapterPath = await post('/api/login/password', body, type, true);
    assert.deepEqual(stable(overHttp), stable(adapterPath), label);
    assert.ok(overHttp.status >= 400 && overHttp.status < 500, `${label}: ${overHttp.status}`);
  }
  // And right ones sign in (the body was read whole, its characters intact across the cuts).
  for (const [name, password] of [
    ['carol', PASSWORD],
    ['jürgen', UNICODE_PASSWORD],
  ]) {
    const ok = await post('/api/login/password', login(name!, password!), JSON_TYPE);
    assert.equal(ok.status, 200, `${name}: ${JSON.stringify(ok.body)}`);
    assert.equal((ok.body as { status: string }).status, 'signed_in');
  }
});

test('chunked bodies (no Content-Length) are read and limited as before', async () => {
  const ok = await post('/api/login/password', login('carol', PASSWORD), JSON_TYPE, true);
  assert.equal(ok.status, 200);
  const big = await post(
    '/api/login/password',
    login('carol', 'x'.repeat(70_000)),
    JSON_TYPE,
    true,
  );
  assert.equal(big.status, 413);
  assert.equal((big.body as { error: { code: string } }).error.code, 'body_too_large');
});

test('a declared length over the limit is refused before the body is read', async () => {
  const big = await post('/api/login/password', login('carol', 'x'.repeat(70_000)), JSON_TYPE);
  assert.equal(big.status, 413);
  assert.equal((big.body as { error: { code: string } }).error.code, 'body_too_large');
});

test('a client that hangs up mid-body leaves the server answering', async () => {
  await new Promise<void>((resolve, reject) => {
    const socket = connect(f.port, '127.0.0.1', () => {
      socket.write(
        `POST /api/login/password HTTP/1.1\r\nHost: ${new URL(f.origin).host}\r\n` +
          `Origin: ${f.origin}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n` +
          '{"username": "carol", ',
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    socket.on('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const after = await post('/api/login/password', login('carol', PASSWORD), JSON_TYPE);
  assert.equal(after.status, 200);
});
