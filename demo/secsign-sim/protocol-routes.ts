/**
 * `POST /` of the embedded ID server: SecSign's httpapi requests (ReqRequestAuthSession,
 * ReqGetAuthSessionState, ReqCancelAuthSession), answered in the httpapi format as SecSign's SDKs
 * and plugins show it, so that our client — or any SecSign SDK — can talk to it:
 * - ReqRequestAuthSession answers the seven fields of SecSign's sample (`secsignid`,
 *   `authsessionid`, `requestid` in upper-case hex, `servicename`, `serviceaddress`,
 *   `authsessionicondata` as raw base64, `authsessionstate`); `showaccesspass` may be `true`/`1` or
 *   `false`/`0` (the JS SDK sends words, the PHP SDK PHP's booleans as digits);
 * - state and cancel answers carry `secsignid` and `authsessionstate` (SecSign's Jira plugin reads
 *   the `secsignid` of a state answer);
 * - ReqReleaseAuthSession, which SecSign's ID server no longer supports, is an unknown request.
 *
 * Answers always come with HTTP 200, errors included, in SecSign's shape
 * (`error=500&errormsg=…&errorcode=…`):
 * - unknown SecSign ID on ReqRequestAuthSession → errorcode 20000 (SecSign's);
 * - frozen ID → errorcode 20006 (SecSign's);
 * - missing or malformed parameters → errorcode 10001, unknown request → 10002 (the simulator's own
 *   codes, not SecSign's).
 * A state or cancel request naming a session that does not exist (or whose SecSign ID or request ID
 * does not match byte for byte) is answered `authsessionstate=8` (INVALID), not with an error.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthSessionRef } from '../../server/secsign/types.js';
import {
  cutText,
  formatAnswer,
  isAuthSessionId,
  isRequestId,
  normalizeSecSignId,
} from '../../server/secsign/wire.js';
import type { IdServerState } from './id-server-state.js';
import { symbolBase64, symbolByName } from './symbols.js';

type Fields = ReadonlyArray<readonly [string, string | number]>;

const SHOW_VALUES: ReadonlySet<string> = new Set(['true', 'false', '1', '0']);

const NO_SUCH_ID: Fields = [
  ['error', 500],
  ['errormsg', 'A SecSign ID does not exist with that name.'],
  ['errorcode', 20000],
];
const FROZEN: Fields = [
  ['error', 500],
  ['errormsg', 'ID frozen because of concurrent login requests.'],
  ['errorcode', 20006],
];

function badInput(message: string, code = 10001): Fields {
  return [
    ['error', 500],
    ['errormsg', message],
    ['errorcode', code],
  ];
}

/** The httpapi endpoint, to be mounted at the simulator's root. */
export function protocolRoutes(state: IdServerState): Hono {
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => c.text(formatAnswer(badInput('The request is too large.')), 413),
    }),
    async (c) => {
      const params = new URLSearchParams(await c.req.text());
      c.header('Cache-Control', 'no-store');
      return c.text(formatAnswer(handle(state, params)));
    },
  );
  return app;
}

function handle(state: IdServerState, params: URLSearchParams): Fields {
  const request = params.get('request');
  switch (request) {
    case 'ReqRequestAuthSession':
      return requestAuthSession(state, params);
    case 'ReqGetAuthSessionState': {
      const ref = readRef(params);
      if (typeof ref === 'string') return badInput(ref);
      return [
        ['secsignid', ref.secSignId],
        ['authsessionstate', state.lookup(ref)?.state ?? 8],
      ];
    }
    case 'ReqCancelAuthSession': {
      const ref = readRef(params);
      if (typeof ref === 'string') return badInput(ref);
      return [
        ['secsignid', ref.secSignId],
        ['authsessionstate', state.cancel(ref)],
      ];
    }
    case null:
      return badInput('Missing parameter: request.');
    default:
      return badInput('Unknown request.', 10002);
  }
}

function requestAuthSession(state: IdServerState, params: URLSearchParams): Fields {
  const secSignId = normalizeSecSignId(params.get('secsignid') ?? '');
  const serviceName = params.get('servicename');
  const serviceAddress = params.get('serviceaddress');
  if (secSignId === '') return badInput('Missing parameter: secsignid.');
  if (!serviceName) return badInput('Missing parameter: servicename.');
  if (serviceAddress === null) return badInput('Missing parameter: serviceaddress.');
  const show = params.get('showaccesspass');
  if (show !== null && !SHOW_VALUES.has(show)) {
    return badInput('showaccesspass must be true, false, 1 or 0.');
  }

  const outcome = state.requestSession({
    secSignId,
    serviceName: cutText(serviceName),
    serviceAddress: cutText(serviceAddress),
    showAccessPass: show === null || show === 'true' || show === '1',
  });
  if (!outcome.ok) return outcome.reason === 'no_such_id' ? NO_SUCH_ID : FROZEN;
  const s = outcome.session;
  const icon = s.showAccessPass ? symbolBase64(symbolByName(s.symbol)!) : '';
  return [
    ['secsignid', s.secSignId],
    ['authsessionid', s.authSessionId],
    ['requestid', s.requestId],
    ['servicename', s.serviceName],
    ['serviceaddress', s.serviceAddress],
    ['authsessionicondata', icon],
    ['authsessionstate', s.state],
  ];
}

/** The three fields that name a session, checked; a string is the problem. */
function readRef(params: URLSearchParams): AuthSessionRef | string {
  const secSignId = normalizeSecSignId(params.get('secsignid') ?? '');
  const authSessionId = params.get('authsessionid') ?? '';
  const requestId = params.get('requestid') ?? '';
  if (secSignId === '') return 'Missing parameter: secsignid.';
  if (!isAuthSessionId(authSessionId)) return 'Missing or malformed parameter: authsessionid.';
  if (!isRequestId(requestId)) return 'Missing or malformed parameter: requestid.';
  return { secSignId, authSessionId, requestId };
}
