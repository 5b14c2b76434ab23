/**
 * The SecSign ID httpapi client: the one place that talks to an ID server (SecSign's public
 * servers, an on-premise one, or our embedded simulator). It sends the four requests as form posts,
 * reads the `k=v&k=v` answers the way SecSign's SDKs do (no URL decoding), checks every value it
 * hands on, and fails over to the next server address when one cannot be reached — but never
 * repeats a request that already got an answer.
 */
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
  isRequestId,
  normalizeSecSignId,
  parseAnswer,
} from './wire.js';

/** SecSign's public ID servers, in the order their SDKs try them. */
export const SECSIGN_PUBLIC_SERVERS: readonly string[] = [
  'https://httpapi.secsign.com',
  'https://httpapi2.secsign.com',
];

export interface HttpApiClientOptions {
  /** ID server URLs, tried in order; the next one only when the previous could not be reached. */
  servers: string[];
  /** Sent as `apimethod` with every request. Default `ipsafezone`. */
  apiMethod?: string;
  /** Sent as `pluginname` with ReqRequestAuthSession when set. */
  pluginName?: string;
  /** Per-server time-out for the whole exchange, in ms. Default 15000 (as SecSign's PHP SDK). */
  timeoutMs?: number;
  /** The fetch to use (tests may pass their own). Default: the global fetch. */
  fetch?: typeof fetch;
}

/** Largest answer body we read; an access pass is a few kilobytes. */
const MAX_ANSWER_BYTES = 256 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Why one server did not give an answer (network error, time-out, non-2xx without a SecSign error). */
class NoAnswer extends Error {}

/**
 * Builds a {@link SecSignClient} speaking SecSign's classic httpapi protocol over HTTP(S).
 * Errors are always {@link SecSignError}s: `no_such_id`, `id_frozen`, `server_error` (what the ID
 * server reported), `protocol` (an answer we could not read) or `unreachable` (no server answered).
 */
export function createHttpApiClient(options: HttpApiClientOptions): SecSignClient {
  const servers = options.servers.map((s) => new URL(s).toString());
  if (servers.length === 0) throw new TypeError('createHttpApiClient: at least one server URL');
  const apiMethod = options.apiMethod ?? 'ipsafezone';
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? fetch;

  async function send(fields: Record<string, string>): Promise<Map<string, string>> {
    const body = formatRequest({ ...fields, apimethod: apiMethod });
    const failures: string[] = [];
    for (const server of servers) {
      let text: string;
      try {
        text = await exchange(doFetch, server, body, timeoutMs);
      } catch (e) {
        if (e instanceof NoAnswer) {
          failures.push(`${server}: ${e.message}`);
          continue;
        }
        throw e;
      }
      return checkAnswer(parseAnswer(text));
    }
    throw new SecSignError(
      'unreachable',
      `No SecSign ID server answered (${failures.join('; ')}).`,
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

  return {
    async requestAuthSession(input: RequestAuthSessionInput): Promise<AuthSession> {
      const secSignId = normalizeSecSignId(input.secSignId);
      if (secSignId === '') throw new SecSignError('no_such_id', 'The SecSign ID is empty.');
      const serviceName = cutText(input.serviceName);
      const serviceAddress = cutText(input.serviceAddress);
      const fields: Record<string, string> = {
        request: 'ReqRequestAuthSession',
        secsignid: secSignId,
        servicename: serviceName,
        serviceaddress: serviceAddress,
        showaccesspass: input.showAccessPass ? 'true' : 'false',
      };
      if (options.pluginName) fields.pluginname = options.pluginName;
      const answer = await send(fields);

      const authSessionId = answer.get('authsessionid') ?? '';
      const requestId = answer.get('requestid') ?? '';
      if (!isAuthSessionId(authSessionId)) throw protocol('authsessionid', authSessionId);
      if (!isRequestId(requestId)) throw protocol('requestid', requestId);
      const state = answer.has('authsessionstate') ? readState(answer) : AuthSessionState.PENDING;
      const accessPassIcon = readIcon(answer.get('authsessionicondata') ?? '');
      if (input.showAccessPass && accessPassIcon === '') {
        throw protocol('authsessionicondata', '');
      }
      return {
        secSignId,
        authSessionId,
        requestId: requestId.toLowerCase(),
        serviceName,
        serviceAddress,
        accessPassIcon,
        state,
      };
    },

    async getAuthSessionState(ref: AuthSessionRef): Promise<AuthSessionState> {
      return readState(await send(refFields('ReqGetAuthSessionState', ref)));
    },

    async cancelAuthSession(ref: AuthSessionRef): Promise<AuthSessionState> {
      return readState(await send(refFields('ReqCancelAuthSession', ref)));
    },

    async releaseAuthSession(ref: AuthSessionRef): Promise<void> {
      await send(refFields('ReqReleaseAuthSession', ref));
    },
  };
}

/** One POST to one server. Throws {@link NoAnswer} when this server gave no usable answer. */
async function exchange(
  doFetch: typeof fetch,
  server: string,
  body: string,
  timeoutMs: number,
): Promise<string> {
  let response: Response;
  let text: string;
  try {
    response = await doFetch(server, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await readCapped(response);
  } catch (e) {
    if (e instanceof SecSignError) throw e;
    const name = e instanceof Error ? e.name : '';
    throw new NoAnswer(name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describe(e));
  }
  if (!response.ok) {
    // An error status that still carries a SecSign error is an answer: do not ask the next server.
    const fields = parseAnswer(text);
    if (fields.has('errorcode') || fields.has('errormsg')) return text;
    throw new NoAnswer(`HTTP ${response.status}`);
  }
  return text;
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new SecSignError('protocol', 'The SecSign ID server sent an answer that is too large.');
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      throw new SecSignError('protocol', 'The SecSign ID server sent an answer that is too large.');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return 'request failed';
  const cause = (e as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
  return code ? `${e.message} (${code})` : e.message;
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

function readState(answer: Map<string, string>): AuthSessionState {
  const raw = answer.get('authsessionstate') ?? '';
  if (!/^[0-8]$/.test(raw)) throw protocol('authsessionstate', raw);
  return Number(raw) as AuthSessionState;
}

/**
 * The access pass: raw base64 as SecSign sends it. A percent-encoded one (base64 never contains
 * `%`) is decoded, so a server that does encode still works. It must be a PNG, since the login page
 * shows it as `data:image/png;base64,…`.
 */
function readIcon(raw: string): string {
  if (raw === '') return '';
  let icon = raw;
  if (icon.includes('%')) {
    try {
      icon = decodeURIComponent(icon);
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
