/**
 * The widget's only door to the backend: one small class per element instance that speaks the
 * HTTP API of docs/api.md (`/api/zone`, `/api/login/…`) with `credentials: 'include'`, and turns
 * every failure into an `ApiError` with a stable `code`. A request that never got an answer is
 * code `network`, an answer that is not the API's JSON is `bad_response`: the element treats both
 * as "server unreachable" and fails closed. It also keeps how far the server's clock (`Date`
 * header) is from the page's, so the countdown follows the server's `expiresAt`, not the page's clock.
 */
import type { hc, InferRequestType, InferResponseType } from 'hono/client';
import type { LOGIN_API_PATH, LoginApiRoutes } from '../server/login/routes.js';
import type { FactorRouteTable } from '../server/factors/modules.js';
import type { RouteAnswerOf, RouteBodyOf } from '../server/factors/factor-routes.js';
import type { PollResult, StepResult } from './api-types.js';

/**
 * The login API as Hono's typed client (`hc`) sees the server's route definitions — used for its
 * types only: `hc` itself costs about 2 kB gzipped, which the widget's 12,000 B budget has no room
 * for, so `call` below stays plain `fetch` and each method's path, body and answer are the route's.
 * A renamed route, body field or answer field fails the widget's type check.
 */
type Routes = ReturnType<typeof hc<LoginApiRoutes>>;
/** The JSON body a route's validator accepts. */
type BodyOf<R> = InferRequestType<R> extends { json: infer J } ? J : never;
/** What a route answers with on success. */
type AnswerOf<R> = InferResponseType<R>;
type Password = Routes['login']['password']['$post'];
type Code = Routes['login']['code']['$post'];
type SendCode = Routes['login']['code']['send']['$post'];
type SecSignStart = Routes['login']['secsign']['$post'];
type SecSignStatus = Routes['login']['secsign']['status']['$post'];
type SecSignCancel = Routes['login']['secsign']['cancel']['$post'];
/**
 * The factors' own routes (mounted from their modules, `server/login/factor-routes.ts`) by path:
 * each one's body and answer, from the route's declaration in the factor's folder.
 */
export type FactorPath = keyof FactorRouteTable;
/** The JSON body of a factor's route `P`, as its schema takes it. */
export type FactorBody<P extends FactorPath> = RouteBodyOf<FactorRouteTable[P]>;
/**
 * The step routes share one answer helper on the server, so their route types carry every step
 * answer; the widget names the answer each step gives (the server's own `StepAnswer` and
 * `PollAnswer`, imported type-only), checked here to be among what the route may answer.
 */
type Among<A, Route> = A extends AnswerOf<Route> ? A : never;
/** Where the server mounts the login routes (`/api`), from the routes' own module. */
type Prefix = typeof LOGIN_API_PATH;
/** `/api` + a path of the login routes (`/zone`, `/login/password`, …). */
type ApiPath =
  `${Prefix}${keyof (LoginApiRoutes extends { '~schema'?: infer S } ? S : never) & string}`;

/** A failed API call: the backend's error code and message, or `network` / `bad_response`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from `details.retryAfterSeconds` or the `Retry-After` header (429). */
    readonly retryAfterSeconds = 0,
    /** The id the server logged the request under (`error.requestId` or `X-Request-Id`). */
    readonly requestId = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Seconds from `details.retryAfterSeconds`, else from a numeric `Retry-After` header, else 0. */
const retryAfter = (details: Record<string, unknown>, header: string | null): number =>
  Math.ceil(Number(details.retryAfterSeconds ?? header) || 0);

/** Talks to one ipsafezone backend. `server` is its origin; empty means the page's own origin. */
export class LoginApi {
  private readonly base: string;
  /** Server clock minus page clock, in ms, from the last answer's `Date` header (0 if unknown). */
  skew = 0;

  constructor(server: string | undefined) {
    this.base = (server ?? '').trim().replace(/\/+$/, '');
  }

  /** `GET /api/zone` — where the requester stands and which form to show. */
  zone(signal?: AbortSignal): Promise<AnswerOf<Routes['zone']['$get']>> {
    return this.call('GET', '/api/zone', undefined, signal);
  }

  /**
   * `POST /api/login/password` — signed in (password mode), SecSign ID pending or a second factor
   * to choose (2SA); with `second` (mode 2FA) the code goes with the password.
   */
  password(
    username: string,
    password: string,
    signal?: AbortSignal,
    second?: BodyOf<Password>['second'],
  ): Promise<Among<StepResult, Password>> {
    const body: BodyOf<Password> = second ? { username, password, second } : { username, password };
    return this.call('POST', '/api/login/password', body, signal);
  }

  /** `POST /api/login/secsign` — start a SecSign ID login (2FA mode). */
  secsign(secSignId: string, signal?: AbortSignal): Promise<Among<StepResult, SecSignStart>> {
    const body: BodyOf<SecSignStart> = { secSignId };
    return this.call('POST', '/api/login/secsign', body, signal);
  }

  /** `POST /api/login/secsign/status` — still waiting, signed in, or an `ApiError` outcome. */
  status(transaction: string, signal?: AbortSignal): Promise<Among<PollResult, SecSignStatus>> {
    const body: BodyOf<SecSignStatus> = { transaction };
    return this.call('POST', '/api/login/secsign/status', body, signal);
  }

  /** `POST /api/login/code` — finish a login with an authenticator-app or recovery code. */
  code(
    transaction: string,
    factor: BodyOf<Code>['factor'],
    code: string,
    signal?: AbortSignal,
  ): Promise<Among<StepResult, Code>> {
    const body: BodyOf<Code> = { transaction, factor, code };
    return this.call('POST', '/api/login/code', body, signal);
  }

  /** `POST /api/login/code/send` — send the chosen factor's code out of band (an e-mail code). */
  send(
    transaction: string,
    factor: BodyOf<SendCode>['factor'],
    signal?: AbortSignal,
  ): Promise<Among<StepResult, SendCode>> {
    const body: BodyOf<SendCode> = { transaction, factor };
    return this.call('POST', '/api/login/code/send', body, signal);
  }

  /** `GET /api/session` — the signed-in user as the browser's cookie shows it, or `null`. */
  session(signal?: AbortSignal): Promise<AnswerOf<Routes['session']['$get']>> {
    return this.call('GET', '/api/session', undefined, signal);
  }

  /** `POST /api/login/secsign/cancel` — give up a pending SecSign ID login. */
  cancel(transaction: string): Promise<AnswerOf<SecSignCancel>> {
    const body: BodyOf<SecSignCancel> = { transaction };
    return this.call('POST', '/api/login/secsign/cancel', body);
  }

  /**
   * `POST /api` + `path` — one of a factor's own routes (a ceremony's: `/login/passkey/options`,
   * …), with the body its schema takes and the answer it gives; a factor's view calls it.
   */
  factorCall<P extends FactorPath>(
    path: P,
    body: FactorBody<P>,
    signal: AbortSignal,
  ): Promise<RouteAnswerOf<FactorRouteTable[P]>> {
    return this.call('POST', `/api${path}`, body, signal);
  }

  /** One JSON request; throws `ApiError`. */
  private async call<T>(
    method: 'GET' | 'POST',
    path: ApiPath | `${Prefix}${FactorPath}`,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        credentials: 'include',
        // No Content-Type on GET: a cross-origin GET /api/zone then needs no preflight.
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError(0, 'network', 'The sign-in server cannot be reached.');
    }
    // The Date header has whole seconds: only a gap beyond that is the page's clock being off.
    const skew = Date.parse(res.headers.get('Date') ?? '') - Date.now();
    if (!Number.isNaN(skew)) this.skew = Math.abs(skew) > 1500 ? skew : 0;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (res.ok && json && typeof json === 'object') return json as T;
    const err = (
      json as {
        error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
      }
    )?.error;
    if (!err || typeof err.code !== 'string') {
      throw new ApiError(res.status, 'bad_response', 'The sign-in server gave no usable answer.');
    }
    const details =
      err.details && typeof err.details === 'object'
        ? (err.details as Record<string, unknown>)
        : {};
    throw new ApiError(
      res.status,
      err.code,
      typeof err.message === 'string' ? err.message : err.code,
      retryAfter(details, res.headers.get('Retry-After')),
      typeof err.requestId === 'string' ? err.requestId : (res.headers.get('X-Request-Id') ?? ''),
    );
  }
}
