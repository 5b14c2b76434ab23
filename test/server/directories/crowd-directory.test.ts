/**
 * The Crowd directory against a stand-in that follows Crowd's documented REST contract over real
 * HTTP (no Crowd server can run here; see crowd-stand-in.ts): the right password with the user's
 * details, groups, admin group and SecSign ID attribute; wrong password, unknown user, inactive
 * account, empty password; a refused application (401) or address (403) and a hung or stopped
 * server are `unavailable`, never a wrong password.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCrowdDirectory } from '../../../server/directories/crowd/crowd-directory.js';
import type { CrowdSettings } from '../../../server/directories/crowd/crowd-settings.js';
import { startCrowdStandIn, type CrowdStandIn } from './crowd-stand-in.js';

export const CROWD_PASSWORD = 'crowd password 1';
let crowd: CrowdStandIn;

before(async () => {
  crowd = await startCrowdStandIn([
    {
      name: 'hank',
      password: CROWD_PASSWORD,
      displayName: 'Hank Crowd',
      email: 'hank@example.test',
      active: true,
      groups: ['jira-software-users', 'ipsafezone-admins'],
      attributes: { secsignid: ['hank.sec'] },
    },
    {
      name: 'ivy',
      password: CROWD_PASSWORD,
      displayName: 'Ivy Crowd',
      email: 'ivy@example.test',
      active: false,
      groups: [],
    },
  ]);
});
after(async () => {
  await crowd?.close();
});

const settings = (o: Partial<CrowdSettings> = {}): CrowdSettings => ({
  url: crowd.url,
  applicationName: 'ipsafezone',
  applicationPassword: 'app secret',
  allowPlain: true,
  caPem: '',
  secSignIdAttribute: '',
  adminGroup: 'ipsafezone-admins',
  timeoutMs: 1000,
  ...o,
});

describe('Crowd directory', () => {
  test('the right password: the user with display name, e-mail, groups and admin role', async () => {
    const r = await createCrowdDirectory('c', settings()).verify('HANK', CROWD_PASSWORD);
    assert.ok(r.status === 'ok', JSON.stringify(r));
    assert.deepEqual(r.user, {
      username: 'hank',
      displayName: 'Hank Crowd',
      email: 'hank@example.test',
      groups: ['jira-software-users', 'ipsafezone-admins'],
      admin: true,
      disabled: false,
    });
    assert.ok(
      crowd.requests.includes('POST /crowd/rest/usermanagement/1/authentication?username=HANK'),
    );
  });

  test('the SecSign ID from a configured user attribute', async () => {
    const r = await createCrowdDirectory('c', settings({ secSignIdAttribute: 'secsignid' })).verify(
      'hank',
      CROWD_PASSWORD,
    );
    assert.ok(r.status === 'ok');
    assert.equal(r.user.secSignId, 'hank.sec');
  });

  test('wrong password, unknown user, inactive account, empty password', async () => {
    const dir = createCrowdDirectory('c', settings());
    assert.deepEqual(await dir.verify('hank', 'nope'), { status: 'wrong_password' });
    assert.deepEqual(await dir.verify('nobody', CROWD_PASSWORD), { status: 'unknown_user' });
    assert.deepEqual(await dir.verify('ivy', CROWD_PASSWORD), { status: 'wrong_password' });
    const before = crowd.requests.length;
    assert.deepEqual(await dir.verify('hank', ''), { status: 'wrong_password' });
    assert.equal(crowd.requests.length, before, 'an empty password is not sent to Crowd');
  });

  test('a user name with query characters reaches Crowd as one parameter', async () => {
    const r = await createCrowdDirectory('c', settings()).verify(
      'hank&username=ivy',
      CROWD_PASSWORD,
    );
    assert.deepEqual(r, { status: 'unknown_user' });
  });

  test('Test a user: what Crowd knows, without a password', async () => {
    const dir = createCrowdDirectory('c', settings());
    const found = await dir.lookup('ivy');
    assert.equal(found.found, true);
    assert.equal(found.user?.disabled, true);
    assert.deepEqual(await dir.lookup('nobody'), { found: false });
    assert.match(await dir.testConnection(), /as application ipsafezone/);
  });

  test('a refused application password: unavailable, never a wrong password', async () => {
    const dir = createCrowdDirectory('c', settings({ applicationPassword: 'wrong' }));
    const r = await dir.verify('hank', CROWD_PASSWORD);
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /application name or password/);
    await assert.rejects(dir.testConnection(), /application name or password/);
  });

  test('an address not on the application allow-list (403): unavailable', async () => {
    crowd.addressAllowed = false;
    try {
      const r = await createCrowdDirectory('c', settings()).verify('hank', CROWD_PASSWORD);
      assert.equal(r.status, 'unavailable');
      assert.match(r.status === 'unavailable' ? r.reason : '', /allow-list/);
    } finally {
      crowd.addressAllowed = true;
    }
  });

  test('a server that does not answer: unavailable after the time-out', async () => {
    crowd.hang = true;
    try {
      const r = await createCrowdDirectory('c', settings({ timeoutMs: 300 })).verify(
        'hank',
        CROWD_PASSWORD,
      );
      assert.equal(r.status, 'unavailable');
      assert.match(r.status === 'unavailable' ? r.reason : '', /did not answer within 300 ms/);
    } finally {
      crowd.hang = false;
    }
  });

  test('plain http is refused unless explicitly allowed', async () => {
    const before = crowd.requests.length;
    const r = await createCrowdDirectory('c', settings({ allowPlain: false })).verify(
      'hank',
      CROWD_PASSWORD,
    );
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /Plain http is not allowed/);
    assert.equal(crowd.requests.length, before, 'nothing was sent');
  });

  test('nothing listening: unavailable', async () => {
    const r = await createCrowdDirectory('c', settings({ url: 'http://127.0.0.1:1/crowd' })).verify(
      'hank',
      CROWD_PASSWORD,
    );
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /could not be reached/);
  });
});
