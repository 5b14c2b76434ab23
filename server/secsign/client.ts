/**
 * The SecSign ID httpapi client: the one place that talks to an ID server (SecSign's public
 * servers, an on-premise one, or the demo's simulator). It sends the three requests SecSign's
 * current SDKs send (ReqRequestAuthSession, ReqGetAuthSessionState, ReqCancelAuthSession — not
 * ReqReleaseAuthSession, which SecSign's ID server no longer supports) as form posts, reads the
 * `k=v&k=v` answers the way SecSign's SDKs do (no URL decoding), hands `authsessionid` and
 * `requestid` back byte for byte, and cancels an auth session whose answer it cannot use — which
 * includes an answer naming one of SecSign's fields twice (SecSign's SDKs would read the last value,
 * `parseAnswer` the first: rather than disagree with them, such an answer is refused).
 *
 * Failover (docs/architecture.md, "SecSign ID"): the next server address is asked only when this
 * one failed before it could have acted on the request — a transport error (connection refused,
 * DNS, TLS, connect time-out) — or when it answered 2xx with a body that is not SecSign's protocol
 * at all (no known field: a proxy's page, an empty body). Never after a protocol answer (errors
 * included) and never after an HTTP 4xx/5xx or a time-out once connected: the first server may
 * already have created the session, and a second request would suspend it and count towards
 * freezing the ID.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { askInTurn, NOT_SECSIGN, postForm } from './transport.js';
import {
  AuthSessionState,
  SecSignError,
  type AuthSession,
  type AuthSessionRef,
  type RequestAuthSessionInput,
  type SecSignClient,
} from './types.js';
import {
  cutText,
  formatRequest,
  isAuthSessionId,
  isProtocolAnswer,
  isRequestId,
  isValidSecSignId,
  normalizeSecSignId,
  parseAnswer,
  repeatedProtocolFields,
} from './wire.js';
import { errorFromServer, INVALID_ID_MESSAGE, protocol, readIcon } from './answer-checks.js';

/** SecSign's public ID servers, in the order their SDKs try them. */
export const SECSIGN_PUBLIC_SERVERS: readonly string[] = [
  'https://httpapi.secsign.com',
  'https://httpapi2.secsign.com',
];

/** Sent as `pluginname`, as SecSign's SDKs and plugins name themselves (`JIRA - 9.4.0`). */
export const PLUGIN_NAME = `ipsafezone ${packageJson.version}`;

export interface HttpApiClientOptions {
  /** ID server URLs, tried in order under the failover rule in the module comment. */
  servers: string[];
  /** Sent as `apimethod` with every request. Default `ipsafezone`. */
  apiMethod?: string;
  /** Sent as `pluginname` with ReqRequestAuthSession. Default {@link PLUGIN_NAME}. */
  pluginName?: string;
  /** Per-server time-out for the whole exchange, in ms. Default 15000 (as SecSign's PHP SDK). */
  timeoutMs?: number;
}

/**
 * Builds a {@link SecSignClient} speaking SecSign's classic httpapi protocol over HTTP(S).
 * Errors are always {@link SecSignError}s: `invalid_id` (not sent), `no_such_id`, `id_frozen`,
 * `server_error` (what the ID server reported, or an HTTP error status), `protocol` (an answer we
 * could not read) or `unreachable` (no server answered).
 */
export function createHttpApiClient(options: HttpApiClientOptions): SecSignClient {
  const servers = options.servers.map((s) => {
    const url = new URL(s);
    return { url, label: url.href };
  });
  if (servers.length === 0) throw new TypeError('createHttpApiClient: at least one server URL');
  const apiMethod = options.apiMethod ?? 'ipsafezone';
  const pluginName = options.pluginName ?? PLUGIN_NAME;
  const timeoutMs = options.timeoutMs ?? 15_000;

  /**
   * Sends one request under the failover rule; resolves with the parsed protocol answer and the
   * protocol fields it named more than once.
   */
  function send(fields: Record<string, string>): Promise<Answer> {
    const body = formatRequest({ ...fields, apimethod: apiMethod });
    return askInTurn(
      servers,
      (server) => postForm(server.url, body, timeoutMs),
      (answer, server) => {
        const parsed = parseAnswer(answer.body);
        const read = { fields: parsed, repeated: repeatedProtocolFields(answer.body) };
        const ok = answer.status >= 200 && answer.status < 300;
        if (ok) return isProtocolAnswer(parsed) ? read : NOT_SECSIGN;
        // An HTTP error status is an answer: the request may have been handled. No failover.
        if (parsed.has('error') || parsed.has('errorcode')) return read;
        throw new SecSignError(
          'server_error',
          `SecSign ID server ${server.label} answered HTTP ${answer.status}.`,
        );
      },
    );
  }

  function refFields(request: string, ref: AuthSessionRef): Record<string, string> {
    return {
      request,
      secsignid: normalizeSecSignId(ref.secSignId),
      authsessionid: ref.authSessionId,
      requestid: ref.requestId,
    };
  }

  /** ReqCancelAuthSession for a session whose answer cannot be used; its own failure is ignored. */
  async function cancelQuietly(ref: AuthSessionRef): Promise<void> {
    if (ref.authSessionId === '' || ref.requestId === '') return;
    await send(refFields('ReqCancelAuthSession', ref)).catch(() => undefined);
  }

  /** A state or cancel answer: `error=400` means the session is gone (INVALID), as SecSign's plugins read it. */
  async function stateRequest(request: string, ref: AuthSessionRef): Promise<AuthSessionState> {
    const { fields: answer, repeated } = await send(refFields(request, ref));
    if (answer.get('error') === '400') return AuthSessionState.INVALID;
    checkAnswer(answer);
    try {
      checkNoRepeats(repeated);
      checkEcho(answer, normalizeSecSignId(ref.secSignId));
      return readState(answer);
    } catch (e) {
      if (request !== 'ReqCancelAuthSession') await cancelQuietly(ref);
      throw e;
    }
  }

  return {
    async requestAuthSession(input: RequestAuthSessionInput): Promise<AuthSession> {
      const secSignId = normalizeSecSignId(input.secSignId);
      if (!isValidSecSignId(secSignId)) {
        throw new SecSignError('invalid_id', INVALID_ID_MESSAGE);
      }
      const serviceName = cutText(input.serviceName);
      const serviceAddress = cutText(input.serviceAddress);
      const { fields: answer, repeated } = await send({
        request: 'ReqRequestAuthSession',
        secsignid: secSignId,
        servicename: serviceName,
        serviceaddress: serviceAddress,
        showaccesspass: input.showAccessPass ? 'true' : 'false',
        pluginname: pluginName,
      });
      checkAnswer(answer);
      // Two ids: which one the server meant is unknown, so nothing is cancelled by guess.
      for (const id of ['authsessionid', 'requestid']) {
        if (repeated.includes(id)) throw protocol(id, 'sent twice');
      }
      // Kept exactly as received: SecSign compares them byte for byte.
      const authSessionId = answer.get('authsessionid') ?? '';
      const requestId = answer.get('requestid') ?? '';
      try {
        if (!isAuthSessionId(authSessionId)) throw protocol('authsessionid', authSessionId);
        if (!isRequestId(requestId)) throw protocol('requestid', requestId);
        checkNoRepeats(repeated);
        checkEcho(answer, secSignId);
        const state = answer.has('authsessionstate') ? readState(answer) : AuthSessionState.PENDING;
        const accessPassIcon = readIcon(answer.get('authsessionicondata') ?? '');
        if (input.showAccessPass && accessPassIcon === '') {
          throw protocol('authsessionicondata', '');
        }
        return {
          secSignId,
          authSessionId,
          requestId,
          serviceName,
          serviceAddress,
          accessPassIcon,
          state,
        };
      } catch (e) {
        // The ID server may have pushed this session to the phone: do not leave it pending.
        await cancelQuietly({ secSignId, authSessionId, requestId });
        throw e;
      }
    },

    getAuthSessionState: (ref) => stateRequest('ReqGetAuthSessionState', ref),
    cancelAuthSession: (ref) => stateRequest('ReqCancelAuthSession', ref),
  };
}

/** Turns SecSign's `error`/`errormsg`/`errorcode` into a SecSignError; passes other answers on. */
function checkAnswer(answer: Map<string, string>): Map<string, string> {
  if (!answer.has('error') && !answer.has('errorcode') && !answer.has('errormsg')) return answer;
  throw errorFromServer(
    answer.get('errorcode') || undefined,
    answer.get('errormsg') || `error ${answer.get('error') ?? 'unknown'}`,
  );
}

/** A parsed answer and the protocol fields its body named more than once. */
interface Answer {
  fields: Map<string, string>;
  repeated: string[];
}

/** A field named twice is read differently by SecSign's SDKs (last) and parseAnswer (first). */
function checkNoRepeats(repeated: readonly string[]): void {
  if (repeated.length > 0) throw protocol(repeated[0]!, 'sent twice');
}

/** An answer that names another SecSign ID than the one asked about cannot be used. */
function checkEcho(answer: Map<string, string>, secSignId: string): void {
  const echoed = answer.get('secsignid');
  if (echoed !== undefined && normalizeSecSignId(echoed) !== secSignId) {
    throw protocol('secsignid', echoed);
  }
}

function readState(answer: Map<string, string>): AuthSessionState {
  const raw = answer.get('authsessionstate') ?? '';
  if (!/^[0-8]$/.test(raw)) throw protocol('authsessionstate', raw);
  return Number(raw) as AuthSessionState;
}
