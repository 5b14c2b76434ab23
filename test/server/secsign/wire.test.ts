/**
 * The httpapi wire format: answers are split like SecSign's SDKs split them (on `&`, then on the
 * first `=`, never URL-decoded), and the checks on ids, SecSign IDs and what counts as an answer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cutText,
  formatAnswer,
  isAuthSessionId,
  isProtocolAnswer,
  isRequestId,
  isValidSecSignId,
  parseAnswer,
  stripAsciiWhitespace,
} from '../../../server/secsign/wire.js';

describe('parseAnswer', () => {
  const cases: [string, Record<string, string>][] = [
    ['a=1&b=2', { a: '1', b: '2' }],
    ['icon=ab+c/d==&x=1', { icon: 'ab+c/d==', x: '1' }],
    [
      'errormsg=A SecSign ID does not exist with that name.',
      { errormsg: 'A SecSign ID does not exist with that name.' },
    ],
    ['a=%41', { a: '%41' }],
    ['a==b', { a: '=b' }],
    [' a = 1 \n', { a: '1' }],
    ['noequals&=empty&&b=', { b: '' }],
    ['a=1&a=2', { a: '1' }],
    ['', {}],
  ];
  for (const [body, expected] of cases) {
    test(JSON.stringify(body), () => {
      assert.deepEqual(Object.fromEntries(parseAnswer(body)), expected);
    });
  }
});

test('formatAnswer percent-encodes only % & CR LF', () => {
  assert.equal(
    formatAnswer([
      ['a', 'x+/= y'],
      ['b', '1&2%\r\n'],
      ['c', 7],
    ]),
    'a=x+/= y&b=1%262%25%0D%0A&c=7',
  );
});

describe('isAuthSessionId: kept as received, 1 to 128 letters and digits, maybe a leading -', () => {
  const cases: [string, boolean][] = [
    ['0', true],
    ['42', true],
    ['-8337412603900330717', true],
    ['9223372036854775808', true],
    ['12345678901234567890', true],
    ['AbC123', true],
    ['9'.repeat(128), true],
    ['9'.repeat(129), false],
    ['', false],
    ['-', false],
    ['1e3+', false],
    ['4.2', false],
    [' 1', false],
    ['1&x=2', false],
  ];
  for (const [value, expected] of cases) {
    test(`${JSON.stringify(value)} → ${expected}`, () =>
      assert.equal(isAuthSessionId(value), expected));
  }
});

test('isRequestId: 1 to 128 letters and digits, either case (never re-cased)', () => {
  assert.equal(
    isRequestId('ADDE6E13ECD78B371F474E53003B1B6C4E55F5384BEF5C041530E66E2A609F98'),
    true,
  );
  assert.equal(isRequestId('aF'.repeat(32)), true);
  assert.equal(isRequestId('a'), true);
  assert.equal(isRequestId('g'.repeat(64)), true);
  assert.equal(isRequestId('a'.repeat(128)), true);
  assert.equal(isRequestId('a'.repeat(129)), false);
  assert.equal(isRequestId(''), false);
  assert.equal(isRequestId('ab+c'), false);
  assert.equal(isRequestId('-ab'), false);
});

test("isValidSecSignId: letters, digits and @ _ - . as SecSign's JS SDK checks them", () => {
  for (const ok of ['alice', 'alice.example', 'a_b-c@d.e', 'A1', 'x'.repeat(255)]) {
    assert.equal(isValidSecSignId(ok), true, ok);
  }
  for (const bad of ['', 'a b', 'a+b', 'a&b', 'a=b', 'jürgen', '#x', 'x'.repeat(256)]) {
    assert.equal(isValidSecSignId(bad), false, bad);
  }
});

test("isProtocolAnswer: a body with at least one of SecSign's fields", () => {
  assert.equal(isProtocolAnswer(parseAnswer('authsessionstate=1')), true);
  assert.equal(isProtocolAnswer(parseAnswer('error=400')), true);
  assert.equal(isProtocolAnswer(parseAnswer('<html><body>Welcome</body></html>')), false);
  assert.equal(isProtocolAnswer(parseAnswer('')), false);
  assert.equal(isProtocolAnswer(parseAnswer('foo=bar&x=1')), false);
});

test('stripAsciiWhitespace removes space, tab, CR, LF, FF and nothing else', () => {
  assert.equal(stripAsciiWhitespace(' iVBO\r\nRw0K\tGgo=\f\n'), 'iVBORw0KGgo=');
  assert.equal(stripAsciiWhitespace('a\u00a0b'), 'a\u00a0b');
});

test('cutText cuts at 255 characters without splitting a surrogate pair', () => {
  assert.equal(cutText('a'.repeat(255)), 'a'.repeat(255));
  assert.equal(cutText('a'.repeat(256)), 'a'.repeat(255));
  assert.equal(cutText('😀'.repeat(300)), '😀'.repeat(255));
});
