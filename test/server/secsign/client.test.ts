/**
 * The httpapi client against the embedded ID server over real HTTP: every request, every state,
 * expiry by the manual clock, suspension, freezing, unknown IDs. Then what the client sends on
 * the wire, failover between server addresses, and answers it must refuse as unreadable.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import {
  AuthSessionState,
  SecSignError,
  type SecSignClient,
} from '../../../server/secsign/types.js';
import { closedPortUrl, readBody, startRaw, startSim, type RunningSim } from './helpers.js';

const NEGATIVE_ID = '-8337412603900330717';
const REQUEST_ID = 'ab'.repeat(32);
/** A valid 1x1 PNG, base64 (contains `+`, `/` and `=`, as real icons do). */
const TINY_PNG = (() => {
  const png = new PNG({ width: 1, height: 1 });
  return PNG.sync.write(png).toString('base64');
})();

const input = (secSignId = 'alice') => ({
  secSignId,
  serviceName: 'Jira',
  serviceAddress: 'https://jira.example.com',
  showAccessPass: true,
});

async function rejectsWith(promise: Promise<unknown>, code: string, secSignErrorCode?: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof SecSignError, `expected a SecSignError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (secSignErrorCode !== undefined) assert.equal(e.secSignErrorCode, secSignErrorCode);
    return true;
  });
}

describe('client ↔ embedded ID server over HTTP', () => {
  let run: RunningSim;
  let client: SecSignClient;
  before(async () => {
    run = await startSim({ sessionTtlMs: 120_000 });
    client = createHttpApiClient({ servers: [run.url] });
  });
  after(() => run.close());
  // Each test starts a minute after the last, so the freeze window never carries over.
  const fresh = () => run.clock.advance(61_000);

  test('ReqRequestAuthSession opens a PENDING session with an access pass PNG', async () => {
    fresh();
    const s = await client.requestAuthSession({
      ...input(' Alice '),
      serviceName: 'x'.repeat(300),
    });
    assert.equal(s.secSignId, 'alice');
    assert.equal(s.state, AuthSessionState.PENDING);
    assert.match(s.authSessionId, /^-?\d{1,19}$/);
    assert.match(s.requestId, /^[0-9A-F]{64}$/, 'upper-case hex, as SecSign sends it');
    assert.equal(s.serviceName.length, 255);
    const png = PNG.sync.read(Buffer.from(s.accessPassIcon, 'base64'));
    assert.equal(png.width, 88);
    assert.equal(png.height, 88);
    const held = run.sim.sessions().find((x) => x.authSessionId === s.authSessionId);
    assert.equal(held?.serviceName.length, 255);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.PENDING);
  });

  test('without the access pass the icon is empty', async () => {
    fresh();
    const s = await client.requestAuthSession({ ...input(), showAccessPass: false });
    assert.equal(s.accessPassIcon, '');
    assert.equal(s.state, AuthSessionState.PENDING);
  });

  for (const [name, value] of Object.entries(AuthSessionState)) {
    test(`ReqGetAuthSessionState reports ${name} (${value})`, async () => {
      fresh();
      const s = await client.requestAuthSession(input());
      run.sim.setState(s.authSessionId, value);
      assert.equal(await client.getAuthSessionState(s), value);
    });
  }

  test('EXPIRED once sessionTtlMs has passed on the clock, not a millisecond earlier', async () => {
    fresh();
    const s = await client.requestAuthSession(input());
    run.clock.advance(119_999);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.PENDING);
    run.clock.advance(1);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.EXPIRED);
  });

  test('a decided session does not expire', async () => {
    fresh();
    const s = await client.requestAuthSession(input());
    run.sim.setState(s.authSessionId, AuthSessionState.AUTHENTICATED);
    run.clock.advance(500_000);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.AUTHENTICATED);
  });

  test('a second request for the same ID SUSPENDS the pending one', async () => {
    fresh();
    const first = await client.requestAuthSession(input());
    const second = await client.requestAuthSession(input());
    assert.equal(await client.getAuthSessionState(first), AuthSessionState.SUSPENDED);
    assert.equal(await client.getAuthSessionState(second), AuthSessionState.PENDING);
  });

  test('a request for another ID suspends nothing', async () => {
    fresh();
    const a = await client.requestAuthSession(input('alice'));
    await client.requestAuthSession(input('bob'));
    assert.equal(await client.getAuthSessionState(a), AuthSessionState.PENDING);
  });

  test('the 4th request within 60 s freezes the ID until it is reactivated (20006 → id_frozen)', async () => {
    fresh();
    for (let i = 0; i < 3; i++) {
      await client.requestAuthSession(input());
      run.clock.advance(1_000);
    }
    await rejectsWith(client.requestAuthSession(input()), 'id_frozen', '20006');
    run.clock.advance(3_600_000);
    await rejectsWith(client.requestAuthSession(input()), 'id_frozen', '20006');
    await client.requestAuthSession(input('bob')); // other IDs are not affected
    run.sim.unfreeze('alice');
    const s = await client.requestAuthSession(input());
    assert.equal(s.state, AuthSessionState.PENDING);
  });

  test('requests spread over more than 60 s do not freeze', async () => {
    fresh();
    for (let i = 0; i < 6; i++) {
      await client.requestAuthSession(input());
      run.clock.advance(20_001);
    }
  });

  test('freeze() by hand → id_frozen until unfreeze()', async () => {
    fresh();
    run.sim.freeze('ALICE');
    await rejectsWith(client.requestAuthSession(input()), 'id_frozen', '20006');
    run.sim.unfreeze('Alice');
    await client.requestAuthSession(input());
  });

  test('an unknown SecSign ID → no_such_id (20000)', async () => {
    await rejectsWith(client.requestAuthSession(input('mallory')), 'no_such_id', '20000');
  });

  test('registerId makes a new ID usable', async () => {
    fresh();
    run.sim.registerId(' Carol ');
    const s = await client.requestAuthSession(input('carol'));
    assert.equal(s.secSignId, 'carol');
  });

  test('a negative authsessionid round-trips as the same string', async () => {
    let s;
    for (let i = 0; i < 64 && !s?.authSessionId.startsWith('-'); i++) {
      fresh();
      s = await client.requestAuthSession(input());
    }
    assert.ok(s?.authSessionId.startsWith('-'), 'no negative ID in 64 tries');
    assert.equal(await client.getAuthSessionState(s!), AuthSessionState.PENDING);
    assert.equal(await client.cancelAuthSession(s!), AuthSessionState.CANCELED);
  });

  test('ReqCancelAuthSession → CANCELED, and it stays CANCELED', async () => {
    fresh();
    const s = await client.requestAuthSession(input());
    assert.equal(await client.cancelAuthSession(s), AuthSessionState.CANCELED);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.CANCELED);
    run.clock.advance(500_000);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.CANCELED);
  });

  test('a wrong request ID or SecSign ID → INVALID, and the session is untouched', async () => {
    fresh();
    const s = await client.requestAuthSession(input());
    const wrongRequest = { ...s, requestId: 'F'.repeat(64) };
    const lowerCased = { ...s, requestId: s.requestId.toLowerCase() };
    assert.equal(await client.getAuthSessionState(lowerCased), AuthSessionState.INVALID);
    assert.equal(await client.getAuthSessionState(wrongRequest), AuthSessionState.INVALID);
    assert.equal(await client.cancelAuthSession(wrongRequest), AuthSessionState.INVALID);
    assert.equal(
      await client.getAuthSessionState({ ...s, secSignId: 'bob' }),
      AuthSessionState.INVALID,
    );
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.PENDING);
  });
});

describe('what the client sends', () => {
  test('form-encoded POST with request, apimethod, trimmed lower-case ID, cut texts', async () => {
    const seen: { method?: string; type?: string; body: URLSearchParams }[] = [];
    const raw = await startRaw(async (req, res) => {
      seen.push({
        method: req.method,
        type: req.headers['content-type'],
        body: new URLSearchParams(await readBody(req)),
      });
      const request = seen.at(-1)!.body.get('request');
      res.end(
        request === 'ReqRequestAuthSession'
          ? `authsessionid=${NEGATIVE_ID}&requestid=${REQUEST_ID}&authsessionicondata=${TINY_PNG}&authsessionstate=1`
          : 'authsessionstate=7',
      );
    });
    try {
      const client = createHttpApiClient({ servers: [raw.url], pluginName: 'ipsafezone-jira' });
      const s = await client.requestAuthSession({
        secSignId: '  Alice.Example ',
        serviceName: 'é'.repeat(300),
        serviceAddress: '😀'.repeat(300),
        showAccessPass: false,
      });
      const first = seen[0]!;
      assert.equal(first.method, 'POST');
      assert.match(first.type ?? '', /^application\/x-www-form-urlencoded/);
      assert.equal(first.body.get('request'), 'ReqRequestAuthSession');
      assert.equal(first.body.get('apimethod'), 'ipsafezone');
      assert.equal(first.body.get('pluginname'), 'ipsafezone-jira');
      assert.equal(first.body.get('secsignid'), 'alice.example');
      assert.equal(first.body.get('servicename'), 'é'.repeat(255));
      assert.equal(first.body.get('serviceaddress'), '😀'.repeat(255));
      assert.equal(first.body.get('showaccesspass'), 'false');
      assert.equal(s.authSessionId, NEGATIVE_ID);
      assert.equal(s.accessPassIcon, TINY_PNG, 'icon not URL-decoded: + / = kept');

      assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
      assert.equal(await client.cancelAuthSession(s), AuthSessionState.FETCHED);
      const names = seen.map((x) => x.body.get('request'));
      assert.deepEqual(names, [
        'ReqRequestAuthSession',
        'ReqGetAuthSessionState',
        'ReqCancelAuthSession',
      ]);
      for (const x of seen.slice(1)) {
        assert.equal(x.body.get('authsessionid'), NEGATIVE_ID);
        assert.equal(x.body.get('requestid'), REQUEST_ID);
        assert.equal(x.body.get('secsignid'), 'alice.example');
        assert.equal(x.body.get('apimethod'), 'ipsafezone');
        assert.equal(x.body.has('pluginname'), false);
      }
    } finally {
      await raw.close();
    }
  });

  test('apiMethod is configurable; showaccesspass=true when asked', async () => {
    let body = new URLSearchParams();
    const raw = await startRaw(async (req, res) => {
      body = new URLSearchParams(await readBody(req));
      res.end(`authsessionid=1&requestid=${REQUEST_ID}&authsessionicondata=${TINY_PNG}`);
    });
    try {
      const client = createHttpApiClient({ servers: [raw.url], apiMethod: 'custom-client' });
      const s = await client.requestAuthSession(input());
      assert.equal(body.get('apimethod'), 'custom-client');
      assert.match(body.get('pluginname') ?? '', /^ipsafezone \d+\.\d+\.\d+/, 'default pluginname');
      assert.equal(body.get('showaccesspass'), 'true');
      assert.equal(s.state, AuthSessionState.PENDING, 'no authsessionstate means PENDING');
    } finally {
      await raw.close();
    }
  });
});

describe('failover between server addresses', () => {
  let run: RunningSim;
  before(async () => {
    run = await startSim();
  });
  after(() => run.close());

  test('first address refuses connections → the second answers', async () => {
    const client = createHttpApiClient({ servers: [await closedPortUrl(), run.url] });
    run.clock.advance(61_000);
    const s = await client.requestAuthSession(input());
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.PENDING);
  });

  test('first address accepts the request but never answers → unreachable, the second is never asked', async () => {
    let hits = 0;
    const hanging = await startRaw(() => {
      hits++; // never answers: it may have created the session
    });
    try {
      const client = createHttpApiClient({ servers: [hanging.url, run.url], timeoutMs: 300 });
      run.clock.advance(61_000);
      const before = run.sim.sessions().length;
      await rejectsWith(client.requestAuthSession(input()), 'unreachable');
      assert.equal(hits, 1);
      assert.equal(run.sim.sessions().length, before);
    } finally {
      await hanging.close();
    }
  });

  test("first address answers 200 with a body that is not SecSign's → the second answers", async () => {
    const proxy = await startRaw((_req, res) => res.end('<html>Welcome to nginx!</html>'));
    try {
      const client = createHttpApiClient({ servers: [proxy.url, run.url] });
      run.clock.advance(61_000);
      assert.equal((await client.requestAuthSession(input())).state, AuthSessionState.PENDING);
    } finally {
      await proxy.close();
    }
  });

  const answered: [string, number, string, string][] = [
    [
      'a SecSign error (HTTP 200)',
      200,
      'error=500&errormsg=A SecSign ID does not exist with that name.&errorcode=20000',
      'no_such_id',
    ],
    [
      'a SecSign error with HTTP 500',
      500,
      'error=500&errormsg=Frozen&errorcode=20006',
      'id_frozen',
    ],
    ['HTTP 503 without a SecSign answer', 503, '<html>Service Unavailable</html>', 'server_error'],
    ['HTTP 404', 404, 'Not found', 'server_error'],
    ['a malformed protocol answer (HTTP 200)', 200, 'authsessionstate=x', 'protocol'],
  ];
  for (const [name, status, body, code] of answered) {
    test(`first address answers ${name} → ${code}, the second is never asked`, async () => {
      let secondHits = 0;
      const first = await startRaw((_req, res) => {
        res.statusCode = status;
        res.end(body);
      });
      const second = await startRaw((_req, res) => {
        secondHits++;
        res.end('authsessionstate=1');
      });
      try {
        const client = createHttpApiClient({ servers: [first.url, second.url] });
        await rejectsWith(client.requestAuthSession(input()), code);
        assert.equal(secondHits, 0);
      } finally {
        await first.close();
        await second.close();
      }
    });
  }

  test('no address answers → unreachable', async () => {
    const hanging = await startRaw(() => {});
    try {
      const client = createHttpApiClient({
        servers: [await closedPortUrl(), hanging.url],
        timeoutMs: 200,
      });
      await rejectsWith(
        client.getAuthSessionState({ secSignId: 'a', authSessionId: '1', requestId: REQUEST_ID }),
        'unreachable',
      );
    } finally {
      await hanging.close();
    }
  });
});

describe('answers the client cannot read → protocol', () => {
  const ok = `authsessionid=42&requestid=${REQUEST_ID}&authsessionicondata=${TINY_PNG}&authsessionstate=1`;
  const notPng = Buffer.from('GIF89a-not-a-png').toString('base64');
  const requestAnswers: [string, string][] = [
    ['an HTML page', '<!doctype html><p>Welcome</p>'],
    ['an empty body', ''],
    ['JSON', '{"authsessionid":42}'],
    ['no authsessionid', `requestid=${REQUEST_ID}&authsessionicondata=${TINY_PNG}`],
    ['an authsessionid with a space', ok.replace('authsessionid=42', 'authsessionid=4 2')],
    ['an authsessionid of 129 characters', ok.replace('=42', `=${'4'.repeat(129)}`)],
    ['a fractional authsessionid', ok.replace('=42', '=4.2')],
    ['a requestid of 129 characters', ok.replace(REQUEST_ID, 'A'.repeat(129))],
    ['a requestid with "+"', ok.replace(REQUEST_ID, `${REQUEST_ID.slice(1)}+`)],
    ['a secsignid that is not the one asked for', `${ok}&secsignid=mallory`],
    ['no icon although asked for', ok.replace(`authsessionicondata=${TINY_PNG}`, 'x=1')],
    ['an icon that is not base64', ok.replace(TINY_PNG, '<svg onload=alert(1)>')],
    ['an icon that is not a PNG', ok.replace(TINY_PNG, notPng)],
    ['a state out of range', ok.replace('authsessionstate=1', 'authsessionstate=9')],
    ['a state that is not a number', ok.replace('authsessionstate=1', 'authsessionstate=one')],
  ];
  const stateAnswers: [string, string][] = [
    ['no state', 'foo=bar'],
    ['an empty state', 'authsessionstate='],
    ['a negative state', 'authsessionstate=-1'],
    ['a state with extra text', 'authsessionstate=1x'],
    ['binary noise', '\u0000\u0001\u00ff'],
  ];

  let body = '';
  let raw: Awaited<ReturnType<typeof startRaw>>;
  let client: SecSignClient;
  before(async () => {
    raw = await startRaw((_req, res) => res.end(body));
    client = createHttpApiClient({ servers: [raw.url] });
  });
  after(() => raw.close());

  test('the well-formed answer the malformed ones are made from is accepted', async () => {
    body = ok;
    assert.equal((await client.requestAuthSession(input())).authSessionId, '42');
  });
  for (const [name, answer] of requestAnswers) {
    test(`ReqRequestAuthSession: ${name}`, async () => {
      body = answer;
      await rejectsWith(client.requestAuthSession(input()), 'protocol');
    });
  }
  for (const [name, answer] of stateAnswers) {
    test(`ReqGetAuthSessionState: ${name}`, async () => {
      body = answer;
      const ref = { secSignId: 'alice', authSessionId: '42', requestId: REQUEST_ID };
      await rejectsWith(client.getAuthSessionState(ref), 'protocol');
      await rejectsWith(client.cancelAuthSession(ref), 'protocol');
    });
  }

  test('a percent-encoded icon is decoded (base64 never contains %)', async () => {
    body = ok.replace(TINY_PNG, encodeURIComponent(TINY_PNG));
    assert.equal((await client.requestAuthSession(input())).accessPassIcon, TINY_PNG);
  });

  test('an oversized answer → protocol', async () => {
    body = `authsessionstate=1&pad=${'x'.repeat(300 * 1024)}`;
    const ref = { secSignId: 'alice', authSessionId: '42', requestId: REQUEST_ID };
    await rejectsWith(client.getAuthSessionState(ref), 'protocol');
  });
});

describe('SecSign errors', () => {
  const cases: [string, string, string | undefined][] = [
    [
      'error=500&errormsg=A SecSign ID does not exist with that name.&errorcode=20000',
      'no_such_id',
      '20000',
    ],
    ['error=500&errormsg=The SecSign ID does not exist.', 'no_such_id', undefined],
    [
      'error=500&errormsg=ID frozen because of concurrent login requests&errorcode=20006',
      'id_frozen',
      '20006',
    ],
    ['error=500&errormsg=Service not allowed&errorcode=30001', 'server_error', '30001'],
    ['error=500', 'server_error', undefined],
  ];
  for (const [answer, code, secSignCode] of cases) {
    test(`${answer} → ${code}`, async () => {
      const raw = await startRaw((_req, res) => res.end(answer));
      try {
        const client = createHttpApiClient({ servers: [raw.url] });
        await rejectsWith(client.requestAuthSession(input()), code, secSignCode);
      } finally {
        await raw.close();
      }
    });
  }

  test("server_error carries SecSign's message", async () => {
    const raw = await startRaw((_req, res) =>
      res.end('error=500&errormsg=Service not allowed&errorcode=30001'),
    );
    try {
      const client = createHttpApiClient({ servers: [raw.url] });
      await assert.rejects(client.requestAuthSession(input()), /Service not allowed/);
    } finally {
      await raw.close();
    }
  });

  for (const id of ['   ', 'alice smith', 'alice+1', 'ali&ce', 'jürgen', 'a'.repeat(256)]) {
    test(`the SecSign ID ${JSON.stringify(id.slice(0, 20))} is refused without asking the server`, async () => {
      const client = createHttpApiClient({ servers: [await closedPortUrl()] });
      await rejectsWith(client.requestAuthSession(input(id)), 'invalid_id');
    });
  }
});
