/**
 * Threat: a user name that breaks forward-auth or reaches Jira as a different name. `Remote-User`
 * went out raw: a name with a code point above U+00FF made `/api/verify` answer 500 (nobody with
 * such a name could open Jira, and the error path was reachable by anyone able to create such a
 * name), and U+0080–U+00FF went out as single Latin-1 bytes, which the application behind the
 * proxy may read as another name. Now every `Remote-*` value is printable ASCII as it is, anything
 * else as percent-encoded UTF-8 (docs/api.md).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { remoteHeaderValue } from '../../../server/login/forward-auth-routes.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
  for (const [username, displayName] of [
    ['jürgen', 'Jürgen Müller'],
    ['李雷', '李雷 (Li Lei)'],
    ['ann', 'Ann 100%'],
  ] as const) {
    await createUser(f.db, f.clock, CLI_ACTOR, { username, password: PASSWORD, displayName });
  }
});
after(() => f.close());

/** The header's bytes as they travelled (fetch reads header bytes as Latin-1). */
const bytes = (value: string | null) => (value === null ? null : Buffer.from(value, 'latin1'));

for (const [username, user, name] of [
  ['jürgen', 'j%C3%BCrgen', 'J%C3%BCrgen M%C3%BCller'],
  ['李雷', '%E6%9D%8E%E9%9B%B7', '%E6%9D%8E%E9%9B%B7 (Li Lei)'],
  ['ann', 'ann', 'Ann 100%25'],
  ['alice', 'alice', 'Alice Admin'],
] as const) {
  test(`Remote-User for "${username}" is ${user}: 200, ASCII only`, async () => {
    const browser = await f.signIn(username, INSIDE);
    const res = await browser.get('/api/verify');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('remote-user'), user);
    assert.equal(res.headers.get('remote-name'), name);
    for (const h of ['remote-user', 'remote-name', 'remote-email', 'remote-groups']) {
      const raw = bytes(res.headers.get(h));
      assert.ok(raw === null || raw.every((b) => b >= 0x20 && b <= 0x7e), `${h} is ASCII`);
    }
    assert.equal(decodeURIComponent(res.headers.get('remote-user')!), username);
  });
}

test('the encoding: printable ASCII except % as is; everything else percent-encoded UTF-8', () => {
  assert.equal(remoteHeaderValue('a.b-c_d@e f'), 'a.b-c_d@e f');
  assert.equal(remoteHeaderValue('ü'), '%C3%BC');
  assert.equal(remoteHeaderValue('\u00ff'), '%C3%BF');
  assert.equal(remoteHeaderValue('\u0100'), '%C4%80');
  assert.equal(remoteHeaderValue('😀'), '%F0%9F%98%80');
  assert.equal(remoteHeaderValue('a\r\nb'), 'a%0D%0Ab');
  assert.equal(remoteHeaderValue('\ud800'), '%EF%BF%BD');
});
