/**
 * The embedded ID server's httpapi endpoint spoken to directly, without our client: bad input gets
 * a protocol error answer (never a crash or a 500), answers are in SecSign's raw `k=v&k=v` format,
 * and free text cannot forge extra fields.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnswer } from '../../../server/secsign/wire.js';
import { startSim, type RunningSim } from '../../server/secsign/helpers.js';

describe('embedded ID server: the httpapi endpoint', () => {
  let run: RunningSim;
  before(async () => {
    run = await startSim();
  });
  after(() => run.close());

  async function post(body: string, type = 'application/x-www-form-urlencoded') {
    const res = await fetch(run.url, { method: 'POST', headers: { 'content-type': type }, body });
    return { status: res.status, text: await res.text() };
  }

  const requestId = '0'.repeat(64);
  const bad: [string, string, string][] = [
    ['an empty body', '', '10001'],
    ['no request', 'secsignid=alice', '10001'],
    ['an unknown request', 'request=ReqDeleteEverything&secsignid=alice', '10002'],
    [
      'ReqRequestAuthSession without secsignid',
      'request=ReqRequestAuthSession&servicename=a&serviceaddress=b',
      '10001',
    ],
    [
      'ReqRequestAuthSession without servicename',
      'request=ReqRequestAuthSession&secsignid=alice&serviceaddress=b',
      '10001',
    ],
    [
      'ReqRequestAuthSession without serviceaddress',
      'request=ReqRequestAuthSession&secsignid=alice&servicename=a',
      '10001',
    ],
    [
      'a bad showaccesspass',
      'request=ReqRequestAuthSession&secsignid=alice&servicename=a&serviceaddress=b&showaccesspass=maybe',
      '10001',
    ],
    [
      'ReqGetAuthSessionState without authsessionid',
      `request=ReqGetAuthSessionState&secsignid=alice&requestid=${requestId}`,
      '10001',
    ],
    [
      'ReqGetAuthSessionState with an overlong authsessionid',
      `request=ReqGetAuthSessionState&secsignid=alice&authsessionid=${'9'.repeat(129)}&requestid=${requestId}`,
      '10001',
    ],
    [
      'ReqCancelAuthSession with a requestid that is not letters and digits',
      'request=ReqCancelAuthSession&secsignid=alice&authsessionid=1&requestid=ab-c',
      '10001',
    ],
    [
      'ReqReleaseAuthSession (no longer supported by SecSign) as an unknown request',
      `request=ReqReleaseAuthSession&secsignid=alice&authsessionid=1&requestid=${requestId}`,
      '10002',
    ],
    ['malformed percent-encoding', 'request=%E0%A4%A&secsignid=%', '10002'],
  ];
  for (const [name, body, code] of bad) {
    test(`${name} → HTTP 200 with errorcode ${code}`, async () => {
      const { status, text } = await post(body);
      assert.equal(status, 200);
      const fields = parseAnswer(text);
      assert.equal(fields.get('error'), '500');
      assert.equal(fields.get('errorcode'), code);
      assert.ok(fields.get('errormsg'));
    });
  }

  test('a body that is not form-encoded is read as form data all the same', async () => {
    const { status, text } = await post('{"request":"ReqRequestAuthSession"}', 'application/json');
    assert.equal(status, 200);
    assert.equal(parseAnswer(text).get('errorcode'), '10001');
  });

  test('an oversized body → 413 with an error answer', async () => {
    const { status, text } = await post(`request=ReqRequestAuthSession&pad=${'x'.repeat(20_000)}`);
    assert.equal(status, 413);
    assert.ok(parseAnswer(text).has('errorcode'));
  });

  test("an unknown ID gets SecSign's exact error answer", async () => {
    const { text } = await post(
      'request=ReqRequestAuthSession&secsignid=nobody&servicename=a&serviceaddress=b',
    );
    assert.equal(
      text,
      'error=500&errormsg=A SecSign ID does not exist with that name.&errorcode=20000',
    );
  });

  test('the answer carries every field, raw base64 icon included', async () => {
    run.clock.advance(61_000);
    const { text } = await post(
      'request=ReqRequestAuthSession&secsignid=Alice&servicename=Jira&serviceaddress=jira.example.com',
    );
    const fields = parseAnswer(text);
    for (const key of [
      'secsignid',
      'authsessionid',
      'requestid',
      'servicename',
      'serviceaddress',
      'authsessionicondata',
      'authsessionstate',
    ]) {
      assert.ok(fields.has(key), key);
    }
    assert.equal(fields.get('secsignid'), 'alice');
    assert.equal(fields.get('authsessionstate'), '1');
    assert.match(fields.get('requestid')!, /^[0-9A-F]{64}$/, 'upper-case hex, as SecSign sends it');
    assert.match(fields.get('authsessionicondata')!, /^iVBORw0KGgo[A-Za-z0-9+/]+={0,2}$/);
    assert.doesNotMatch(text, /%2B|%2F|%3D/, 'icon is not URL-encoded');
  });

  test('a service name with & and line breaks cannot forge answer fields', async () => {
    run.clock.advance(61_000);
    const name = encodeURIComponent('Jira&authsessionstate=3\r\nx=1');
    const { text } = await post(
      `request=ReqRequestAuthSession&secsignid=bob&servicename=${name}&serviceaddress=b`,
    );
    const fields = parseAnswer(text);
    assert.equal(fields.get('authsessionstate'), '1');
    assert.equal(fields.get('servicename'), 'Jira%26authsessionstate=3%0D%0Ax=1');
    assert.equal(fields.has('x'), false);
  });

  for (const [value, icon] of [
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ] as const) {
    test(`showaccesspass=${value} (JS SDK words, PHP SDK digits) → ${icon ? 'an icon' : 'no icon'}`, async () => {
      run.clock.advance(61_000);
      const { text } = await post(
        `request=ReqRequestAuthSession&secsignid=bob&servicename=a&serviceaddress=b&showaccesspass=${value}`,
      );
      assert.equal(parseAnswer(text).get('authsessionicondata') !== '', icon, text.slice(0, 80));
    });
  }

  test('state and cancel answers name the SecSign ID; the request id is compared byte for byte', async () => {
    run.clock.advance(61_000);
    const opened = parseAnswer(
      (await post('request=ReqRequestAuthSession&secsignid=alice&servicename=a&serviceaddress=b'))
        .text,
    );
    const ref = (requestid: string) =>
      `secsignid=alice&authsessionid=${opened.get('authsessionid')}&requestid=${requestid}`;
    const exact = parseAnswer(
      (await post(`request=ReqGetAuthSessionState&${ref(opened.get('requestid')!)}`)).text,
    );
    assert.deepEqual(Object.fromEntries(exact), { secsignid: 'alice', authsessionstate: '1' });
    const lower = parseAnswer(
      (await post(`request=ReqGetAuthSessionState&${ref(opened.get('requestid')!.toLowerCase())}`))
        .text,
    );
    assert.equal(lower.get('authsessionstate'), '8', 'a lower-cased request id is another id');
    const canceled = parseAnswer(
      (await post(`request=ReqCancelAuthSession&${ref(opened.get('requestid')!)}`)).text,
    );
    assert.deepEqual(Object.fromEntries(canceled), { secsignid: 'alice', authsessionstate: '6' });
  });

  test('GET on the endpoint is a 404, not a crash', async () => {
    const res = await fetch(run.url);
    assert.equal(res.status, 404);
    await res.text();
  });

  test('setState on an unknown session throws', () => {
    assert.throws(() => run.sim.setState('12345', 3), RangeError);
  });
});
