/**
 * What a real ID server may send that the simulator never does: the fields in another order (the
 * Jira plugin's sample, `SecSignIDAuthenticator.java`, lists them authsessionid, servicename,
 * secsignid, serviceaddress, authsessionstate, requestid, authsessionicondata), fields no SDK reads,
 * and a line break after the last value (SecSign's JS SDK trims values). SecSign's SDKs read such an
 * answer by name, so must we: the ids byte for byte, the icon whole. A guard (docs/stand-ins.md):
 * it passed from the start.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { startRaw } from './helpers.js';

const REQUEST_ID = 'ADDE6E13ECD78B371F474E53003B1B6C4E55F5384BEF5C041530E66E2A609F98';
const SESSION_ID = '6821477223339041056';
const ICON = PNG.sync.write(new PNG({ width: 88, height: 88 })).toString('base64');

let server: { url: string; close(): Promise<void> };
before(async () => {
  server = await startRaw((_req, res) =>
    res.end(
      [
        `authsessionid=${SESSION_ID}`,
        'servicename=Jira',
        'pluginversion=9.4.0',
        'secsignid=titus',
        'serviceaddress=localhost',
        'authsessionstate=1',
        `requestid=${REQUEST_ID}`,
        `authsessionicondata=${ICON}\r\n`,
      ].join('&'),
    ),
  );
});
after(() => server.close());

test('fields in the Jira sample order, an extra field and a trailing CRLF are read by name', async () => {
  const session = await createHttpApiClient({ servers: [server.url] }).requestAuthSession({
    secSignId: 'Titus',
    serviceName: 'Jira',
    serviceAddress: 'localhost',
    showAccessPass: true,
  });
  assert.equal(session.authSessionId, SESSION_ID);
  assert.equal(session.requestId, REQUEST_ID);
  assert.equal(session.secSignId, 'titus');
  assert.equal(session.accessPassIcon, ICON);
  assert.equal(session.state, AuthSessionState.PENDING);
});
