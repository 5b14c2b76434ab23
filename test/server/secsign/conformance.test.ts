/**
 * Conformance with SecSign's own SDKs. A stand-in ID server on loopback (node:http, real sockets)
 * answers in the byte shapes SecSign's published samples show, and each test checks, field by
 * field, what our client sends back against what SecSign's SDK code sends:
 * - `SecSignIDApi.js` 1.39 (SecSign/secsign-js-api, commit 27e4a02): ReqRequestAuthSession sends
 *   request, secsignid (trimmed, lower-cased), servicename, serviceaddress (cut to 255),
 *   showaccesspass ("true"/"false"), pluginname, apimethod; state and cancel send request,
 *   secsignid, authsessionid, requestid, apimethod — ids as received; no ReqReleaseAuthSession.
 * - `SecSignIDApi.php` 1.47 (SecSign/secsign-php-api): the same ids handed back unchanged;
 *   answers split on `&` and the first `=`, never URL-decoded; fallback server only when the first
 *   could not be reached.
 * - SecSign's Jira plugin (`SecSignIDAuthenticator.java`): the sample answer with the upper-case
 *   `requestid=ADDE6E13…9F98`, errors `error=500&errormsg=…&errorcode=20000`, 20006 = frozen,
 *   `idserverurl` = host only with `httpapi` → `id1`.
 * - SecSign's Nextcloud plugin (`lib/Service/API.php`): `error=400` on a state request means the
 *   session is no longer pending.
 * Each defect of issue 12 (and issue 14's "200 garbage blocks failover") has a test here that
 * fails on the code before the fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import packageJson from '../../../package.json' with { type: 'json' };
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { idServerForApp, secSignDeepLink } from '../../../server/secsign/deep-link.js';
import {
  AuthSessionState,
  SecSignError,
  type AuthSessionRef,
} from '../../../server/secsign/types.js';
import { startFixture, OUTSIDE } from '../login/fixture.js';
import { closedPortUrl, readBody, startRaw } from './helpers.js';

/** The one real `requestid` on record (SecSign's Jira plugin sample): 64 upper-case hex. */
const SAMPLE_REQUEST_ID = 'ADDE6E13ECD78B371F474E53003B1B6C4E55F5384BEF5C041530E66E2A609F98';
/** A negative 64-bit `authsessionid`, as SecSign's samples have them. */
const SAMPLE_AUTH_SESSION_ID = '-8337412603900330717';

/** An 88x88 RGBA PNG (the size of SecSign's samples) whose base64 has `+`, `/` and `=` in it. */
const ICON = (() => {
  for (let seed = 1; ; seed++) {
    const png = new PNG({ width: 88, height: 88 });
    for (let i = 0; i < png.data.length; i++) png.data[i] = (i * seed * 31 + (i >> 7)) & 0xff;
    const b64 = PNG.sync.write(png).toString('base64');
    if (b64.includes('+') && b64.includes('/') && b64.endsWith('=')) return b64;
  }
})();
/** The same icon wrapped in 76-character lines, as SecSign's Java example (MIME base64) writes it. */
const WRAPPED_ICON = ICON.match(/.{1,76}/g)!.join('\r\n');

/** SecSign's sample answer to ReqRequestAuthSession: the seven fields, raw, icon unencoded. */
function sampleRequestAnswer(icon = ICON, secSignId = 'alice.example'): string {
  return [
    `secsignid=${secSignId}`,
    `authsessionid=${SAMPLE_AUTH_SESSION_ID}`,
    `requestid=${SAMPLE_REQUEST_ID}`,
    'servicename=Jira',
    'serviceaddress=https://jira.example.com',
    `authsessionicondata=${icon}`,
    'authsessionstate=1',
  ].join('&');
}

/** The field names SecSign's JS SDK 1.39 sends with each request (plus `apimethod`, its referer). */
const SDK_FIELDS: Record<string, string[]> = {
  ReqRequestAuthSession: [
    'apimethod',
    'pluginname',
    'request',
    'secsignid',
    'serviceaddress',
    'servicename',
    'showaccesspass',
  ],
  ReqGetAuthSessionState: ['apimethod', 'authsessionid', 'request', 'requestid', 'secsignid'],
  ReqCancelAuthSession: ['apimethod', 'authsessionid', 'request', 'requestid', 'secsignid'],
};

interface Seen {
  method: string | undefined;
  type: string | undefined;
  fields: URLSearchParams;
}
type Reply = { status?: number; body: string } | string;

/** A SecSign-shaped ID server: `reply(fields, index)` answers; every request is recorded. */
async function startIdServer(reply: (fields: URLSearchParams, index: number) => Reply) {
  const seen: Seen[] = [];
  const raw = await startRaw(async (req, res) => {
    const fields = new URLSearchParams(await readBody(req));
    seen.push({ method: req.method, type: req.headers['content-type'], fields });
    const r = reply(fields, seen.length - 1);
    const { status = 200, body } = typeof r === 'string' ? { body: r } : r;
    res.statusCode = status;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(body);
  });
  return { ...raw, seen, names: () => seen.map((s) => s.fields.get('request')) };
}

const sampleRef: AuthSessionRef = {
  secSignId: 'alice.example',
  authSessionId: SAMPLE_AUTH_SESSION_ID,
  requestId: SAMPLE_REQUEST_ID,
};
const input = {
  secSignId: '  Alice.Example ',
  serviceName: 'Jira',
  serviceAddress: 'https://jira.example.com',
  showAccessPass: true,
};

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof SecSignError, `expected a SecSignError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

function assertSdkFields(seen: Seen) {
  const request = seen.fields.get('request')!;
  assert.deepEqual([...new Set(seen.fields.keys())].sort(), SDK_FIELDS[request], request);
  assert.equal(seen.method, 'POST');
  assert.match(seen.type ?? '', /^application\/x-www-form-urlencoded/);
  assert.equal(seen.fields.get('apimethod'), 'ipsafezone');
}

describe('what the client sends, field by field, as SecSign SDKs send it', () => {
  test('ReqRequestAuthSession: the SDK fields; ID trimmed and lower-cased; pluginname "ipsafezone <version>"', async () => {
    const id = await startIdServer(() => sampleRequestAnswer());
    try {
      const client = createHttpApiClient({ servers: [id.url] });
      await client.requestAuthSession(input);
      const [sent] = id.seen;
      assertSdkFields(sent!);
      assert.equal(sent!.fields.get('secsignid'), 'alice.example');
      assert.equal(sent!.fields.get('servicename'), 'Jira');
      assert.equal(sent!.fields.get('serviceaddress'), 'https://jira.example.com');
      assert.equal(sent!.fields.get('showaccesspass'), 'true');
      assert.equal(sent!.fields.get('pluginname'), `ipsafezone ${packageJson.version}`);
    } finally {
      await id.close();
    }
  });

  test('the upper-case requestid and negative authsessionid go back byte for byte on state and cancel', async () => {
    const id = await startIdServer((f) =>
      f.get('request') === 'ReqRequestAuthSession'
        ? sampleRequestAnswer()
        : 'secsignid=alice.example&authsessionstate=1',
    );
    try {
      const client = createHttpApiClient({ servers: [id.url] });
      const session = await client.requestAuthSession(input);
      assert.equal(session.requestId, SAMPLE_REQUEST_ID, 'kept as received');
      assert.equal(session.authSessionId, SAMPLE_AUTH_SESSION_ID);
      assert.equal(await client.getAuthSessionState(session), AuthSessionState.PENDING);
      assert.equal(await client.cancelAuthSession(session), AuthSessionState.PENDING);
      assert.deepEqual(id.names(), [
        'ReqRequestAuthSession',
        'ReqGetAuthSessionState',
        'ReqCancelAuthSession',
      ]);
      for (const sent of id.seen.slice(1)) {
        assertSdkFields(sent);
        assert.equal(sent.fields.get('requestid'), SAMPLE_REQUEST_ID);
        assert.equal(sent.fields.get('authsessionid'), SAMPLE_AUTH_SESSION_ID);
        assert.equal(sent.fields.get('secsignid'), 'alice.example');
      }
    } finally {
      await id.close();
    }
  });

  test('ids of other shapes than the one sample are accepted and returned unchanged', async () => {
    const ids = [
      ['42', 'a1B2c3'],
      ['9223372036854775808', 'X'.repeat(128)],
    ];
    for (const [authSessionId, requestId] of ids) {
      const id = await startIdServer(() =>
        sampleRequestAnswer()
          .replace(SAMPLE_AUTH_SESSION_ID, authSessionId!)
          .replace(SAMPLE_REQUEST_ID, requestId!),
      );
      try {
        const s = await createHttpApiClient({ servers: [id.url] }).requestAuthSession(input);
        assert.deepEqual([s.authSessionId, s.requestId], [authSessionId, requestId]);
      } finally {
        await id.close();
      }
    }
  });
});

describe('access pass', () => {
  test('raw base64 with + / = is taken as is (never URL-decoded)', async () => {
    const id = await startIdServer(() => sampleRequestAnswer(ICON));
    try {
      const s = await createHttpApiClient({ servers: [id.url] }).requestAuthSession(input);
      assert.equal(s.accessPassIcon, ICON);
    } finally {
      await id.close();
    }
  });

  test("base64 wrapped in CRLF lines (SecSign's Java example) is accepted, whitespace removed", async () => {
    const id = await startIdServer(() => sampleRequestAnswer(WRAPPED_ICON));
    try {
      const s = await createHttpApiClient({ servers: [id.url] }).requestAuthSession(input);
      assert.equal(s.accessPassIcon, ICON);
      assert.deepEqual(id.names(), ['ReqRequestAuthSession'], 'nothing cancelled');
    } finally {
      await id.close();
    }
  });
});

describe('an answer that cannot be used cancels the auth session', () => {
  const notPng = Buffer.from('GIF89a not a png at all').toString('base64');
  const cases: [string, string][] = [
    ['an icon that is not a PNG', sampleRequestAnswer(notPng)],
    [
      'a state out of range',
      sampleRequestAnswer().replace('authsessionstate=1', 'authsessionstate=9'),
    ],
    ['another SecSign ID', sampleRequestAnswer(ICON, 'mallory')],
  ];
  for (const [name, answer] of cases) {
    test(`ReqRequestAuthSession answered with ${name} → protocol, and ReqCancelAuthSession with the same ids`, async () => {
      const id = await startIdServer((f) =>
        f.get('request') === 'ReqRequestAuthSession' ? answer : 'authsessionstate=6',
      );
      try {
        await rejectsWith(
          createHttpApiClient({ servers: [id.url] }).requestAuthSession(input),
          'protocol',
        );
        assert.deepEqual(id.names(), ['ReqRequestAuthSession', 'ReqCancelAuthSession']);
        const cancel = id.seen[1]!;
        assertSdkFields(cancel);
        assert.equal(cancel.fields.get('requestid'), SAMPLE_REQUEST_ID);
        assert.equal(cancel.fields.get('authsessionid'), SAMPLE_AUTH_SESSION_ID);
      } finally {
        await id.close();
      }
    });
  }

  test('an unreadable state answer → protocol, and the session is cancelled', async () => {
    const id = await startIdServer((f) =>
      f.get('request') === 'ReqGetAuthSessionState'
        ? 'authsessionstate=pending'
        : 'authsessionstate=6',
    );
    try {
      const client = createHttpApiClient({ servers: [id.url] });
      await rejectsWith(client.getAuthSessionState(sampleRef), 'protocol');
      assert.deepEqual(id.names(), ['ReqGetAuthSessionState', 'ReqCancelAuthSession']);
      assert.equal(id.seen[1]!.fields.get('requestid'), SAMPLE_REQUEST_ID);
    } finally {
      await id.close();
    }
  });
});

describe('SecSign errors', () => {
  for (const body of ['error=400', 'error=400&errormsg=Bad request.']) {
    test(`${body} on ReqGetAuthSessionState and ReqCancelAuthSession → INVALID (8)`, async () => {
      const id = await startIdServer(() => body);
      try {
        const client = createHttpApiClient({ servers: [id.url] });
        assert.equal(await client.getAuthSessionState(sampleRef), AuthSessionState.INVALID);
        assert.equal(await client.cancelAuthSession(sampleRef), AuthSessionState.INVALID);
      } finally {
        await id.close();
      }
    });
  }

  const errors: [string, string][] = [
    [
      'error=500&errormsg=A SecSign ID does not exist with that name.&errorcode=20000',
      'no_such_id',
    ],
    [
      'error=500&errormsg=ID frozen because of concurrent login requests.&errorcode=20006',
      'id_frozen',
    ],
  ];
  for (const [body, code] of errors) {
    test(`${body.slice(-15)} → ${code}, nothing cancelled, no other server asked`, async () => {
      let secondHits = 0;
      const second = await startRaw((_q, res) => {
        secondHits++;
        res.end(sampleRequestAnswer());
      });
      const id = await startIdServer(() => body);
      try {
        const client = createHttpApiClient({ servers: [id.url, second.url] });
        await rejectsWith(client.requestAuthSession(input), code);
        assert.deepEqual(id.names(), ['ReqRequestAuthSession']);
        assert.equal(secondHits, 0);
      } finally {
        await id.close();
        await second.close();
      }
    });
  }
});

describe('failover: only when the first server cannot have acted on the request', () => {
  let second: Awaited<ReturnType<typeof startIdServer>>;
  before(async () => {
    second = await startIdServer(() => sampleRequestAnswer());
  });
  after(() => second.close());

  async function secondHitsFor(firstUrl: string, timeoutMs = 2_000) {
    const before = second.seen.length;
    const client = createHttpApiClient({ servers: [firstUrl, second.url], timeoutMs });
    const outcome = await client.requestAuthSession(input).then(
      (s) => s,
      (e: unknown) => e,
    );
    return { outcome, hits: second.seen.length - before };
  }

  test('HTTP 502 from a proxy after the request was accepted → server_error, the second is NOT asked', async () => {
    const first = await startIdServer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    try {
      const { outcome, hits } = await secondHitsFor(first.url);
      assert.ok(
        outcome instanceof SecSignError && outcome.code === 'server_error',
        String(outcome),
      );
      assert.equal(hits, 0);
      assert.deepEqual(first.names(), ['ReqRequestAuthSession']);
    } finally {
      await first.close();
    }
  });

  test('HTTP 500 carrying a SecSign error → that error, the second is NOT asked', async () => {
    const first = await startIdServer(() => ({
      status: 500,
      body: 'error=500&errormsg=ID frozen because of concurrent login requests.&errorcode=20006',
    }));
    try {
      const { outcome, hits } = await secondHitsFor(first.url);
      assert.ok(outcome instanceof SecSignError && outcome.code === 'id_frozen', String(outcome));
      assert.equal(hits, 0);
    } finally {
      await first.close();
    }
  });

  test('connected, request sent, no answer in time → unreachable, the second is NOT asked', async () => {
    const first = await startRaw(() => {
      /* accepts the request, never answers */
    });
    try {
      const { outcome, hits } = await secondHitsFor(first.url, 300);
      assert.ok(outcome instanceof SecSignError && outcome.code === 'unreachable', String(outcome));
      assert.equal(hits, 0);
    } finally {
      await first.close();
    }
  });

  test('HTTP 200 with a body that is not the protocol (no known field) → the second answers', async () => {
    for (const garbage of ['<html><body>Welcome to nginx!</body></html>', '', 'ok=1']) {
      const first = await startIdServer(() => garbage);
      try {
        const { outcome, hits } = await secondHitsFor(first.url);
        assert.equal((outcome as { requestId?: string }).requestId, SAMPLE_REQUEST_ID, garbage);
        assert.equal(hits, 1);
      } finally {
        await first.close();
      }
    }
  });

  test('connection refused → the second answers', async () => {
    const { outcome, hits } = await secondHitsFor(await closedPortUrl());
    assert.equal((outcome as { requestId?: string }).requestId, SAMPLE_REQUEST_ID);
    assert.equal(hits, 1);
  });

  test('TLS error (https to a plain HTTP server) → the second answers', async () => {
    const plain = await startRaw((_q, res) => res.end('hello'));
    try {
      const { outcome, hits } = await secondHitsFor(plain.url.replace('http:', 'https:'));
      assert.equal((outcome as { requestId?: string }).requestId, SAMPLE_REQUEST_ID);
      assert.equal(hits, 1);
    } finally {
      await plain.close();
    }
  });

  test('connect time-out (the TLS handshake never completes) → the second answers', async () => {
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((socket) => {
      sockets.add(socket); // accepts TCP, never speaks TLS
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const { outcome, hits } = await secondHitsFor(`https://127.0.0.1:${port}/`, 300);
      assert.equal((outcome as { requestId?: string }).requestId, SAMPLE_REQUEST_ID);
      assert.equal(hits, 1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('DNS failure (a name that cannot resolve) → the second answers', async () => {
    const { outcome, hits } = await secondHitsFor('http://no-such-host.invalid/');
    assert.equal((outcome as { requestId?: string }).requestId, SAMPLE_REQUEST_ID);
    assert.equal(hits, 1);
  });
});

describe('a whole login through the app against a SecSign-shaped server', () => {
  test('request, state polls with the exact ids, and no ReqReleaseAuthSession after success', async () => {
    let state = '1';
    const id = await startIdServer((f) =>
      f.get('request') === 'ReqRequestAuthSession'
        ? sampleRequestAnswer(ICON, 'bob.sec')
        : `secsignid=bob.sec&authsessionstate=${state}`,
    );
    const f = await startFixture({ config: { secsignServers: [id.url] } });
    try {
      const c = f.client(OUTSIDE);
      const pending = await c.post('/api/login/secsign', { secSignId: 'Bob.Sec' });
      assert.equal(pending.status, 200, JSON.stringify(pending.body));
      assert.equal(pending.body.accessPass, `data:image/png;base64,${ICON}`);
      await c.post('/api/login/secsign/status', { transaction: pending.body.transaction });
      state = '3';
      const done = await c.post('/api/login/secsign/status', {
        transaction: pending.body.transaction,
      });
      assert.equal(done.body.status, 'signed_in', JSON.stringify(done.body));
      assert.deepEqual(id.names(), [
        'ReqRequestAuthSession',
        'ReqGetAuthSessionState',
        'ReqGetAuthSessionState',
      ]);
      for (const sent of id.seen) assertSdkFields(sent);
      for (const sent of id.seen.slice(1)) {
        assert.equal(sent.fields.get('requestid'), SAMPLE_REQUEST_ID);
      }
    } finally {
      await f.close();
      await id.close();
    }
  });

  test('the deep link names the ID server by host only (as the Jira plugin does)', async () => {
    const id = await startIdServer(() => sampleRequestAnswer(ICON, 'bob.sec'));
    const f = await startFixture({ config: { secsignServers: [id.url] } });
    try {
      const pending = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'bob.sec' });
      const link = new URL(pending.body.deepLink.replace('com.secsign.secsignid://', 'x://h/'));
      assert.equal(link.searchParams.get('secsignid'), 'bob.sec');
      assert.equal(link.searchParams.get('authsessionid'), SAMPLE_AUTH_SESSION_ID);
      assert.equal(link.searchParams.get('idserverurl'), new URL(id.url).host, 'host only');
    } finally {
      await f.close();
      await id.close();
    }
  });

  test("idserverurl: SecSign's default server becomes id1.secsign.com; others keep host and port", () => {
    assert.equal(idServerForApp('https://httpapi.secsign.com'), 'id1.secsign.com');
    assert.equal(idServerForApp('https://httpapi.secsign.com/'), 'id1.secsign.com');
    assert.equal(idServerForApp('https://id.example.com:8443/httpapi'), 'id.example.com:8443');
    assert.equal(idServerForApp('not a url'), '');
    assert.equal(
      secSignDeepLink({
        secSignId: 'alice',
        authSessionId: SAMPLE_AUTH_SESSION_ID,
        returnUrl: 'https://jira.example.com/login',
        idServerUrl: 'https://httpapi.secsign.com',
      }),
      `com.secsign.secsignid://?secsignid=alice&authsessionid=${SAMPLE_AUTH_SESSION_ID}&returnurl=https%3A%2F%2Fjira.example.com%2Flogin&idserverurl=id1.secsign.com`,
    );
  });
});
