/**
 * The SecSign ID httpapi client: the one place that talks to an ID server (SecSign's public
 * servers, an on-premise one, or the demo's simulator). It sends the three requests SecSign's
 * current SDKs send (ReqRequestAuthSession, ReqGetAuthSessionState, ReqCancelAuthSession — not
 * ReqReleaseAuthSession, which SecSign's ID server no longer supports) as form posts, reads the
 * `k=v&k=v` answers the way SecSign's SDKs do (no URL decoding), hands `authsessionid` and
 * `requestid` back byte for byte, and cancels an auth session whose answer it cannot use.
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
import { postForm, NoAnswer, Unreached } from './transport.js';
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
  stripAsciiWhitespace,
} from './wire.js';

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

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Builds a {@link SecSignClient} speaking SecSign's classic httpapi protocol over HTTP(S).
 * Errors are always {@link SecSignError}s: `invalid_id` (not sent), `no_such_id`, `id_frozen`,
 * `server_error` (what the ID server reported, or an HTTP error status), `protocol` (an answer we
 * could not read) or `unreachable` (no server answered).
 */
export function createHttpApiClient(options: HttpApiClientOptions): SecSignClient {
  const servers = options.servers.map((s) => new URL(s));
  if (servers.length === 0) throw new TypeError('createHttpApiClient: at least one server URL');
  const apiMethod = options.apiMethod ?? 'ipsafezone';
  const pluginName = options.pluginName ?? PLUGIN_NAME;
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** Sends one request under the failover rule; resolves with the parsed protocol answer. */
  async function send(fields: Record<string, string>): Promise<Map<string, string>> {
    const body = formatRequest({ ...fields, apimethod: apiMethod });
    const failures: string[] = [];
    let garbage = false;
    for (const server of servers) {
      let answer;
      try {
        answer = await postForm(server, body, timeoutMs);
      } catch (e) {
        if (e instanceof Unreached) {
          failures.push(`${server.href}: ${e.message}`);
          continue;
        }
        if (e instanceof NoAnswer) {
          throw new SecSignError('unreachable', `SecSign ID server ${server.href}: ${e.message}.`);
        }
        throw e;
      }
      const parsed = parseAnswer(answer.body);
      const ok = answer.status >= 200 && answer.status < 300;
      if (ok && isProtocolAnswer(parsed)) return parsed;
      if (ok) {
        // 2xx but not SecSign's protocol: this is not an ID server answering. Try the next one.
        garbage = true;
        failures.push(`${server.href}: HTTP ${answer.status} with an answer that is not SecSign's`);
        continue;
      }
      // An HTTP error status is an answer: the request may have been handled. No failover.
      if (parsed.has('error') || parsed.has('errorcode')) return parsed;
      throw new SecSignError(
        'server_error',
        `SecSign ID server ${server.href} answered HTTP ${answer.status}.`,
      );
    }
    throw new SecSignError(
      garbage ? 'protocol' : 'unreachable',
      `No SecSign ID server gave a usable answer (${failures.join('; ')}).`,
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
    const answer = await send(refFields(request, ref));
    if (answer.get('error') === '400') return AuthSessionState.INVALID;
    checkAnswer(answer);
    try {
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
        throw new SecSignError(
          'invalid_id',
          'A SecSign ID has 1 to 255 letters, digits or the characters @ _ - . (no spaces).',
        );
      }
      const serviceName = cutText(input.serviceName);
      const serviceAddress = cutText(input.serviceAddress);
      const answer = checkAnswer(
        await send({
          request: 'ReqRequestAuthSession',
          secsignid: secSignId,
          servicename: serviceName,
          serviceaddress: serviceAddress,
          showaccesspass: input.showAccessPass ? 'true' : 'false',
          pluginname: pluginName,
        }),
      );
      // Kept exactly as received: SecSign compares them byte for byte.
      const authSessionId = answer.get('authsessionid') ?? '';
      const requestId = answer.get('requestid') ?? '';
      try {
        if (!isAuthSessionId(authSessionId)) throw protocol('authsessionid', authSessionId);
        if (!isRequestId(requestId)) throw protocol('requestid', requestId);
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
  const code = answer.get('errorcode') || undefined;
  const message = answer.get('errormsg') || `error ${answer.get('error') ?? 'unknown'}`;
  if (code === '20000' || /does not exist/i.test(message)) {
    throw new SecSignError('no_such_id', `SecSign ID server: ${message}`, code);
  }
  if (code === '20006') {
    throw new SecSignError('id_frozen', `SecSign ID server: ${message}`, code);
  }
  throw new SecSignError('server_error', `SecSign ID server: ${message}`, code);
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

/**
 * The access pass: raw base64 as SecSign sends it, ASCII whitespace removed (line-wrapped base64
 * is still base64, and a browser shows it). A percent-encoded one (base64 never contains `%`) is
 * decoded, so a server that does encode still works. It must be a PNG, since the login page shows
 * it as `data:image/png;base64,…`.
 */
function readIcon(raw: string): string {
  let icon = stripAsciiWhitespace(raw);
  if (icon === '') return '';
  if (icon.includes('%')) {
    try {
      icon = stripAsciiWhitespace(decodeURIComponent(icon));
    } catch {
      throw protocol('authsessionicondata', raw);
    }
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(icon) || icon.length % 4 !== 0) {
    throw protocol('authsessionicondata', raw);
  }
  if (!Buffer.from(icon, 'base64').subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw protocol('authsessionicondata', raw);
  }
  return icon;
}

function protocol(field: string, value: string): SecSignError {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new SecSignError(
    'protocol',
    `The SecSign ID server sent an answer we cannot read: ${field}=${JSON.stringify(shown)}.`,
  );
}
