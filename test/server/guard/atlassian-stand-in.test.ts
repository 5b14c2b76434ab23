/**
 * The Atlassian stand-in (test/e2e/atlassian-stand-in.ts) must open every door the products open,
 * or a guard test could pass over a door it never saw (docs/stand-ins.md). Three points where it
 * opened fewer or other doors than the products:
 * - Basic splits user and password at the FIRST colon (RFC 7617 2; Tomcat's and Seraph's Basic
 *   decoding), so a password may hold a colon and `alice:alice-password:x` is a wrong password;
 * - Jira's and Confluence's user names are case-insensitive ("ALICE" signs in as alice), for Basic,
 *   Seraph's `os_username` and the JSON login alike;
 * - Bitbucket takes an HTTP access token as the Basic password for Git over HTTPS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONTEXT,
  PASSWORD,
  startStandIn,
  TOKEN,
  USER,
  type StandIn,
} from '../../e2e/atlassian-stand-in.js';

let standIn: StandIn;
before(async () => {
  standIn = await startStandIn();
});
after(() => standIn.close());

const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;

async function status(path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(standIn.origin + CONTEXT + path, init);
  await res.arrayBuffer();
  return res.status;
}

describe('the Atlassian stand-in takes passwords as the products do', () => {
  test('Basic: user and password split at the first colon', async () => {
    const myself = '/rest/api/2/myself';
    assert.equal(await status(myself, { headers: { authorization: basic(USER, PASSWORD) } }), 200);
    assert.equal(
      await status(myself, { headers: { authorization: basic(USER, `${PASSWORD}:x`) } }),
      401,
      'the password is everything after the first colon',
    );
  });

  test('user names in any case', async () => {
    const upper = USER.toUpperCase();
    assert.equal(
      await status('/rest/api/2/myself', { headers: { authorization: basic(upper, PASSWORD) } }),
      200,
    );
    assert.equal(
      await status(`/rest/api/2/myself?os_username=${upper}&os_password=${PASSWORD}`),
      200,
    );
    assert.equal(
      await status('/rest/auth/1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: upper, password: PASSWORD }),
      }),
      200,
    );
  });

  test("Git over HTTPS: Bitbucket's access token as the Basic password", async () => {
    const git = '/scm/p/r.git/info/refs?service=git-upload-pack';
    assert.equal(await status(git, { headers: { authorization: basic(USER, TOKEN) } }), 200);
    assert.equal(await status(git, { headers: { authorization: basic(USER, 'nope') } }), 401);
  });
});
