/**
 * Our REST v2 client against the fixture of requests and answers derived by hand from SecSign's
 * connectors (fixtures/README.md says how each byte was derived): a raw TCP server on loopback
 * reads the request head exactly as it arrives on the socket and answers the fixture's answer. Each
 * request must match the fixture byte for byte — the request line (method, path, query order,
 * encoding) and the two headers the connectors add, with their names' case, in their order — and
 * carry no body; the answers' field names are the connectors' (`authsessionid`, …). The session id
 * 9007199254740993 is 2^53 + 1: read as a JavaScript number it would come back as …992.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createRestClient } from '../../../server/secsign/rest-client.js';
import { AuthSessionState, SecSignError } from '../../../server/secsign/types.js';

interface Exchange {
  name: string;
  request: { line: string; headers: string[]; body: string };
  answer: { status: number; body: string };
}
const FIXTURE = JSON.parse(
  readFileSync(new URL('./fixtures/rest-v2-exchanges.json', import.meta.url), 'utf8'),
) as {
  account: { name: string; password: string };
  input: {
    secSignId: string;
    serviceName: string;
    serviceAddress: string;
    showAccessPass: boolean;
  };
  icon: string;
  exchanges: Exchange[];
};
const byName = (name: string) => FIXTURE.exchanges.find((e) => e.name === name)!;

/** What arrived: the request line, every header line as sent, and any bytes after the head. */
interface Seen {
  line: string;
  headers: string[];
  rest: string;
}

/** A raw HTTP/1.1 server answering each request with the next queued answer. */
async function startRecorder() {
  const seen: Seen[] = [];
  const answers: Exchange['answer'][] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      // Give a body (there should be none) a moment's chance to arrive with the head.
      setImmediate(() => {
        const [line, ...headers] = data.subarray(0, end).toString('latin1').split('\r\n');
        seen.push({ line: line!, headers, rest: data.subarray(end + 4).toString('latin1') });
        const answer = answers.shift() ?? { status: 500, body: '' };
        const body = Buffer.from(answer.body, 'utf8');
        socket.end(
          `HTTP/1.1 ${answer.status} X\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n` +
            body.toString('latin1'),
          'latin1',
        );
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    answers,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request as the fixture expects it; Host and Connection are the HTTP library's own. */
function assertRequest(seen: Seen | undefined, expected: Exchange['request'], port: number) {
  assert.ok(seen, 'a request arrived');
  assert.equal(seen.line, expected.line);
  const own = seen.headers.filter((h) => !/^(host|connection):/i.test(h));
  assert.deepEqual(own, expected.headers);
  assert.ok(seen.headers.includes(`Host: 127.0.0.1:${port}`), seen.headers.join(' | '));
  assert.equal(seen.rest, expected.body);
}

describe('REST v2 client: requests byte for byte as SecSign connectors send them', () => {
  let rec: Awaited<ReturnType<typeof startRecorder>>;
  let client: ReturnType<typeof createRestClient>;
  before(async () => {
    rec = await startRecorder();
    client = createRestClient({
      servers: [
        { url: rec.url, account: FIXTURE.account.name, password: FIXTURE.account.password },
      ],
      timeoutMs: 5_000,
    });
  });
  after(() => rec.close());

  test('ServerInfo', async () => {
    const ex = byName('serverInfo');
    rec.answers.push(ex.answer);
    assert.deepEqual(await client.serverInfo(), { major: 10, minor: 7, patch: 5 });
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
  });

  test('AuthSession: query order, Java URLEncoder encoding; the id above 2^53 kept digit for digit', async () => {
    const ex = byName('requestAuthSession');
    rec.answers.push(ex.answer);
    const session = await client.requestAuthSession(FIXTURE.input);
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
    assert.equal(session.authSessionId, '9007199254740993');
    assert.notEqual(String(JSON.parse(ex.answer.body).authsessionid), '9007199254740993');
    assert.equal(session.secSignId, 'alice.example');
    assert.equal(session.accessPassIcon, FIXTURE.icon);
    assert.equal(session.api, 'rest');
    assert.equal(session.requestId, '');
  });

  test('AuthSession/{id}: the state, the id in the path exactly as received', async () => {
    const ex = byName('getAuthSessionState');
    rec.answers.push(ex.answer);
    const ref = {
      secSignId: 'alice.example',
      authSessionId: '9007199254740993',
      requestId: '',
      api: 'rest' as const,
    };
    assert.equal(await client.getAuthSessionState(ref), AuthSessionState.AUTHENTICATED);
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
  });

  test('DELETE AuthSession/{id} cancels', async () => {
    const ex = byName('cancelAuthSession');
    rec.answers.push(ex.answer);
    const ref = { secSignId: 'alice.example', authSessionId: '9007199254740993', requestId: '' };
    assert.equal(await client.cancelAuthSession(ref), AuthSessionState.CANCELED);
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
  });

  test('SecSignId/{id}?exist', async () => {
    const ex = byName('secSignIdExists');
    rec.answers.push(ex.answer);
    assert.equal(await client.secSignIdExists('Alice.Example'), true);
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
  });

  test('409 on AuthSession: the ID is frozen', async () => {
    const ex = byName('requestAuthSessionFrozen');
    rec.answers.push(ex.answer);
    await assert.rejects(
      client.requestAuthSession(FIXTURE.input),
      (e: unknown) => e instanceof SecSignError && e.code === 'id_frozen',
    );
    assertRequest(rec.seen.at(-1), ex.request, rec.port);
  });

  test('a negative 64-bit id, and one given as a string, are kept as sent', async () => {
    for (const raw of ['-8337412603900330717', '"-8337412603900330717"']) {
      rec.answers.push({
        status: 200,
        body: `{"authsessionid":${raw},"authsessionicondata":"${FIXTURE.icon}","secsignid":"alice.example"}`,
      });
      const session = await client.requestAuthSession(FIXTURE.input);
      assert.equal(session.authSessionId, '-8337412603900330717');
    }
  });

  test('an id beyond a Java long, or a second "authsessionid" key, is refused and nothing is cancelled by guess', async () => {
    for (const body of [
      `{"authsessionid":9223372036854775808,"authsessionicondata":"${FIXTURE.icon}","secsignid":"alice.example"}`,
      `{"x":{"authsessionid":1},"authsessionid":2,"authsessionicondata":"${FIXTURE.icon}","secsignid":"alice.example"}`,
      `{"authsessionicondata":"${FIXTURE.icon}","secsignid":"alice.example"}`,
    ]) {
      const before = rec.seen.length;
      rec.answers.push({ status: 200, body });
      await assert.rejects(
        client.requestAuthSession(FIXTURE.input),
        (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
      );
      assert.equal(rec.seen.length, before + 1, 'no DELETE for an id we could not read');
    }
  });

  test('an answer naming another SecSign ID is cancelled by DELETE and refused', async () => {
    rec.answers.push(
      {
        status: 200,
        body: `{"authsessionid":9007199254740993,"authsessionicondata":"${FIXTURE.icon}","secsignid":"mallory"}`,
      },
      { status: 200, body: '' },
    );
    await assert.rejects(
      client.requestAuthSession(FIXTURE.input),
      (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
    );
    assert.equal(rec.seen.at(-1)!.line, 'DELETE /rest/v2/AuthSession/9007199254740993 HTTP/1.1');
  });

  test('a state outside 0–8 fails closed (cancelled), never read as "no state"', async () => {
    rec.answers.push({ status: 200, body: '{"authsessionstate":9}' }, { status: 200, body: '' });
    const ref = { secSignId: 'alice.example', authSessionId: '9007199254740993', requestId: '' };
    await assert.rejects(
      client.getAuthSessionState(ref),
      (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
    );
    assert.equal(rec.seen.at(-1)!.line, 'DELETE /rest/v2/AuthSession/9007199254740993 HTTP/1.1');
  });
});
