/**
 * The SecSign ID REST v2 client: the same three auth-session calls as the httpapi client
 * (`client.ts`), spoken the way SecSign's Keycloak and Typo3 connectors speak to an ID server
 * (`rest-wire.ts` has the wire, docs/secsign-rest.md the sources), plus the two calls only REST
 * has: the server's version (`ServerInfo`, which also tells whether REST is there at all) and
 * "does this SecSign ID exist?".
 *
 * Every call authenticates with a PIN account (preemptive HTTP Basic). The failover rule is the
 * httpapi client's: the next server is asked only when this one could not be reached, or answered
 * 2xx with a body that is not SecSign's (no JSON object with a known field) — never after an HTTP
 * error status or a time-out once connected, since the first server may have created the session.
 * Fail closed: an answer we cannot read is an error, never a state, and an auth session whose
 * answer cannot be used is cancelled (DELETE) before the error is raised.
 */
import { askInTurn, exchange, NOT_SECSIGN, type HttpAnswer } from './transport.js';
import {
  AuthSessionState,
  SecSignError,
  type AuthSession,
  type AuthSessionRef,
  type RequestAuthSessionInput,
  type SecSignClient,
} from './types.js';
import { cutText, isValidSecSignId, normalizeSecSignId } from './wire.js';
import {
  authSessionPath,
  authSessionStatePath,
  isJavaLong,
  isRestAnswer,
  readAuthSessionId,
  readCount,
  readExist,
  readJsonObject,
  restHeaders,
  secSignIdExistPath,
  SERVER_INFO_PATH,
} from './rest-wire.js';
import { errorFromServer, INVALID_ID_MESSAGE, protocol, readIcon } from './answer-checks.js';

/** One ID server and the PIN account it knows us by. */
export interface RestServer {
  url: string;
  account: string;
  password: string;
}

export interface RestClientOptions {
  /** ID servers with their PIN accounts, tried in order under the failover rule. */
  servers: RestServer[];
  /** Per-server time-out for the whole exchange, in ms. Default 15000. */
  timeoutMs?: number;
}

/** An ID server's version, as ServerInfo reports it. */
export interface ServerVersion {
  major: number;
  minor: number;
  patch: number;
}

export function formatVersion(v: ServerVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export interface SecSignRestClient extends SecSignClient {
  /** `GET …/PluginRegistration/ServerInfo`; rejects when the server does not answer it (older than 10.7.5). */
  serverInfo(): Promise<ServerVersion>;
  /** `GET …/SecSignId/{id}?exist`: whether the ID server knows this SecSign ID. */
  secSignIdExists(secSignId: string): Promise<boolean>;
}

interface RestAnswer extends HttpAnswer {
  json: Record<string, unknown> | null;
  server: string;
}

/** What an HTTP error status means, as the Java connector words it. */
function statusError(server: string, answer: RestAnswer): SecSignError {
  const json = answer.json;
  const refused = answer.status === 401 || answer.status === 403;
  if (
    !refused &&
    json &&
    (typeof json['errormsg'] === 'string' || json['errorcode'] !== undefined)
  ) {
    const code = json['errorcode'] === undefined ? undefined : JSON.stringify(json['errorcode']);
    const message = json['errormsg'];
    return errorFromServer(code, typeof message === 'string' ? message : `error ${code}`);
  }
  const why: Record<number, string> = {
    400: 'refused the request as malformed',
    401: 'refused the PIN account (wrong name or password)',
    403: 'does not allow this call for the PIN account (check its rights on the ID server)',
    404: 'does not know this REST call',
  };
  const what = why[answer.status] ?? 'failed';
  return new SecSignError(
    'server_error',
    `SecSign ID server ${server} ${what} (HTTP ${answer.status}).`,
  );
}

/** Builds a {@link SecSignRestClient}; errors are the httpapi client's {@link SecSignError} codes. */
export function createRestClient(options: RestClientOptions): SecSignRestClient {
  if (options.servers.length === 0) throw new TypeError('createRestClient: at least one server');
  const servers = options.servers.map((s) => ({
    ...s,
    label: new URL(s.url).href.replace(/\/+$/, ''),
    headers: restHeaders(s.account, s.password),
  }));
  const timeoutMs = options.timeoutMs ?? 15_000;

  /**
   * One call under the failover rule. `usable` tells a 2xx answer of an ID server from a stranger's
   * (a DELETE's answer needs no body; the others must be SecSign's JSON).
   */
  function send(method: 'GET' | 'DELETE', path: string): Promise<RestAnswer> {
    return askInTurn(
      servers,
      (server) =>
        exchange(new URL(server.label + path), { method, headers: server.headers }, timeoutMs),
      (answer, server) => {
        const json = readJsonObject(answer.body);
        const ok = answer.status >= 200 && answer.status < 300;
        if (ok && method !== 'DELETE' && !isRestAnswer(json)) return NOT_SECSIGN;
        return { ...answer, json, server: server.label };
      },
    );
  }

  /** The JSON of a 2xx answer, or the error its status means. */
  function okJson(answer: RestAnswer): Record<string, unknown> {
    if (answer.status < 200 || answer.status >= 300 || !answer.json) {
      throw statusError(answer.server, answer);
    }
    return answer.json;
  }

  function checkEcho(json: Record<string, unknown>, secSignId: string): void {
    const echoed = json['secsignid'];
    if (echoed === undefined) return;
    if (typeof echoed !== 'string' || normalizeSecSignId(echoed) !== secSignId) {
      throw protocol('secsignid', JSON.stringify(echoed));
    }
  }

  /** The session's id, checked before it goes into a path. */
  function sessionPath(ref: AuthSessionRef): string {
    if (!isJavaLong(ref.authSessionId)) throw protocol('authsessionid', ref.authSessionId);
    return authSessionStatePath(ref.authSessionId);
  }

  async function cancel(ref: AuthSessionRef): Promise<AuthSessionState> {
    const answer = await send('DELETE', sessionPath(ref));
    if (answer.status >= 200 && answer.status < 300) return AuthSessionState.CANCELED;
    throw statusError(answer.server, answer);
  }

  return {
    async requestAuthSession(input: RequestAuthSessionInput): Promise<AuthSession> {
      const secSignId = normalizeSecSignId(input.secSignId);
      if (!isValidSecSignId(secSignId)) throw new SecSignError('invalid_id', INVALID_ID_MESSAGE);
      const serviceName = cutText(input.serviceName);
      const serviceAddress = cutText(input.serviceAddress);
      const answer = await send(
        'GET',
        authSessionPath({
          secSignId,
          serviceName,
          serviceAddress,
          showAccessPassIcons: input.showAccessPass,
        }),
      );
      if (answer.status === 409) {
        throw new SecSignError(
          'id_frozen',
          'SecSign ID server: the SecSign ID is frozen (HTTP 409).',
          '409',
        );
      }
      const json = okJson(answer);
      const authSessionId = readAuthSessionId(answer.body, json);
      if (authSessionId === null) throw protocol('authsessionid', String(json['authsessionid']));
      const ref: AuthSessionRef = { secSignId, authSessionId, requestId: '', api: 'rest' };
      try {
        if (typeof json['secsignid'] !== 'string') throw protocol('secsignid', '');
        checkEcho(json, secSignId);
        const rawIcon = json['authsessionicondata'];
        const accessPassIcon = readIcon(typeof rawIcon === 'string' ? rawIcon : '');
        if (input.showAccessPass && accessPassIcon === '') {
          throw protocol('authsessionicondata', '');
        }
        return {
          ...ref,
          serviceName,
          serviceAddress,
          accessPassIcon,
          state: AuthSessionState.PENDING,
        };
      } catch (e) {
        // The ID server may have pushed this session to the phone: do not leave it pending.
        await cancel(ref).catch(() => undefined);
        throw e;
      }
    },

    async getAuthSessionState(ref: AuthSessionRef): Promise<AuthSessionState> {
      const secSignId = normalizeSecSignId(ref.secSignId);
      const json = okJson(await send('GET', sessionPath(ref)));
      try {
        checkEcho(json, secSignId);
        const state = readCount(json, 'authsessionstate');
        if (state === null || state > AuthSessionState.INVALID) {
          throw protocol('authsessionstate', String(json['authsessionstate']));
        }
        return state as AuthSessionState;
      } catch (e) {
        await cancel(ref).catch(() => undefined);
        throw e;
      }
    },

    cancelAuthSession: cancel,

    async serverInfo(): Promise<ServerVersion> {
      const json = okJson(await send('GET', SERVER_INFO_PATH));
      const major = readCount(json, 'majorVersion');
      const minor = readCount(json, 'minorVersion');
      const patch = readCount(json, 'patchVersion');
      if (major === null || minor === null || patch === null) {
        throw protocol('majorVersion', JSON.stringify(json));
      }
      return { major, minor, patch };
    },

    async secSignIdExists(secSignId: string): Promise<boolean> {
      const id = normalizeSecSignId(secSignId);
      if (!isValidSecSignId(id)) throw new SecSignError('invalid_id', INVALID_ID_MESSAGE);
      return readExist(okJson(await send('GET', secSignIdExistPath(id))));
    },
  };
}
