/**
 * An httpapi answer that names a field twice. SecSign's SDKs fill a map pair by pair, so the LAST
 * value wins (`SecSignIDApi.php` 1.47 `checkResponse`: `$responseArray[$key] = $value`;
 * `SecSignIDApi.js` 1.39 `createResponseMap`: `map[key] = …`); our `parseAnswer` keeps the FIRST.
 * Against such an answer SecSign's own front ends and ipsafezone would read different states (here
 * PENDING against AUTHENTICATED), so the client must not pick either: a field it reads, sent twice,
 * is an unreadable answer (`protocol`), and an auth session it names is cancelled, as for every
 * other answer it cannot use (docs/stand-ins.md). A repeated field it does not read changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { SecSignError, type AuthSessionRef } from '../../../server/secsign/types.js';
import { readBody, startRaw } from './helpers.js';

const REQUEST_ID = 'ADDE6E13ECD78B371F474E53003B1B6C4E55F5384BEF5C041530E66E2A609F98';
const SESSION_ID = '-8337412603900330717';
const ref: AuthSessionRef = {
  secSignId: 'alice',
  authSessionId: SESSION_ID,
  requestId: REQUEST_ID,
};

let answer = '';
const seen: URLSearchParams[] = [];
let server: { url: string; close(): Promise<void> };

before(async () => {
  server = await startRaw(async (req, res) => {
    const fields = new URLSearchParams(await readBody(req));
    seen.push(fields);
    res.end(fields.get('request') === 'ReqCancelAuthSession' ? 'authsessionstate=6' : answer);
  });
});
after(() => server.close());

async function stateWith(body: string) {
  answer = body;
  seen.length = 0;
  return createHttpApiClient({ servers: [server.url] }).getAuthSessionState(ref);
}

describe('an answer naming a field twice', () => {
  test('authsessionstate twice → protocol (not the first value), and the session is cancelled', async () => {
    await assert.rejects(
      stateWith('secsignid=alice&authsessionstate=1&authsessionstate=3'),
      (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
    );
    assert.deepEqual(
      seen.map((f) => f.get('request')),
      ['ReqGetAuthSessionState', 'ReqCancelAuthSession'],
    );
    assert.equal(seen[1]!.get('requestid'), REQUEST_ID);
  });

  test('secsignid twice → protocol', async () => {
    await assert.rejects(
      stateWith('secsignid=alice&secsignid=mallory&authsessionstate=3'),
      (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
    );
  });

  test('authsessionid twice in the answer to ReqRequestAuthSession → protocol, nothing cancelled by guess', async () => {
    answer = `secsignid=alice&authsessionid=${SESSION_ID}&authsessionid=42&requestid=${REQUEST_ID}&authsessionstate=1`;
    seen.length = 0;
    await assert.rejects(
      createHttpApiClient({ servers: [server.url] }).requestAuthSession({
        secSignId: 'alice',
        serviceName: 'Jira',
        serviceAddress: 'https://jira.example.com',
        showAccessPass: false,
      }),
      (e: unknown) => e instanceof SecSignError && e.code === 'protocol',
    );
    assert.deepEqual(
      seen.map((f) => f.get('request')),
      ['ReqRequestAuthSession'],
    );
  });

  test('a field the client does not read, twice, changes nothing', async () => {
    assert.equal(await stateWith('secsignid=alice&note=a&note=b&authsessionstate=3'), 3);
  });
});
