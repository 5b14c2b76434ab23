/**
 * The httpapi wire format: answers are split like SecSign's SDKs split them (on `&`, then on the
 * first `=`, never URL-decoded), and the value checks for authsessionid and requestid.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cutText,
  formatAnswer,
  isAuthSessionId,
  isRequestId,
  parseAnswer,
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

describe('isAuthSessionId', () => {
  const cases: [string, boolean][] = [
    ['0', true],
    ['42', true],
    ['-8337412603900330717', true],
    ['9223372036854775807', true],
    ['-9223372036854775808', true],
    ['9223372036854775808', false],
    ['-9223372036854775809', false],
    ['', false],
    ['-', false],
    ['-0', false],
    ['007', false],
    ['1e3', false],
    [' 1', false],
    ['12345678901234567890', false],
  ];
  for (const [value, expected] of cases) {
    test(`${JSON.stringify(value)} → ${expected}`, () =>
      assert.equal(isAuthSessionId(value), expected));
  }
});

test('isRequestId wants exactly 64 hex characters', () => {
  assert.equal(isRequestId('aF'.repeat(32)), true);
  assert.equal(isRequestId('a'.repeat(63)), false);
  assert.equal(isRequestId('a'.repeat(65)), false);
  assert.equal(isRequestId('g'.repeat(64)), false);
});

test('cutText cuts at 255 characters without splitting a surrogate pair', () => {
  assert.equal(cutText('a'.repeat(255)), 'a'.repeat(255));
  assert.equal(cutText('a'.repeat(256)), 'a'.repeat(255));
  assert.equal(cutText('😀'.repeat(300)), '😀'.repeat(255));
});
