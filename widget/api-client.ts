/**
 * The widget's only door to the backend: one small class per element instance that speaks the
 * HTTP API of docs/api.md (`/api/zone`, `/api/login/…`) with `credentials: 'include'`, and turns
 * every failure into an `ApiError` with a stable `code`. A request that never got an answer is
 * code `network`, an answer that is not the API's JSON is `bad_response`: the element treats both
 * as "server unreachable" and fails closed. It also keeps how far the server's clock (`Date`
 * header) is from the page's, so the countdown follows the server's `expiresAt`, not the page's clock.
 */
import type {
  FactorChangeJson,
  PollResult,
  SignedIn,
  StepResult,
  User,
  ZoneInfo,
} from './api-types.js';

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
  zone(signal?: AbortSignal): Promise<ZoneInfo> {
    return this.call<ZoneInfo>('GET', '/api/zone', undefined, signal);
  }

  /**
   * `POST /api/login/password` — signed in (password mode), SecSign ID pending or a second factor
   * to choose (2SA); with `second` (mode 2FA) the code goes with the password.
   */
  password(
    username: string,
    password: string,
    signal?: AbortSignal,
    second?: { factor: 'totp' | 'recovery_code'; code: string },
  ): Promise<StepResult> {
    const body = second ? { username, password, second } : { username, password };
    return this.call<StepResult>('POST', '/api/login/password', body, signal);
  }

  /** `POST /api/login/secsign` — start a SecSign ID login (2FA mode). */
  secsign(secSignId: string, signal?: AbortSignal): Promise<StepResult> {
    return this.call<StepResult>('POST', '/api/login/secsign', { secSignId }, signal);
  }

  /** `POST /api/login/secsign/status` — still waiting, signed in, or an `ApiError` outcome. */
  status(transaction: string, signal?: AbortSignal): Promise<PollResult> {
    return this.call<PollResult>('POST', '/api/login/secsign/status', { transaction }, signal);
  }

  /** `POST /api/login/code` — finish a login with an authenticator-app or recovery code. */
  code(
    transaction: string,
    factor: 'totp' | 'recovery_code',
    code: string,
    signal?: AbortSignal,
  ): Promise<StepResult> {
    return this.call('POST', '/api/login/code', { transaction, factor, code }, signal);
  }

  /** `GET /api/session` — the signed-in user as the browser's cookie shows it, or `null`. */
  session(
    signal?: AbortSignal,
  ): Promise<{ user: User | null; factorChanges?: FactorChangeJson[] }> {
    return this.call('GET', '/api/session', undefined, signal);
  }

  /** `POST /api/login/secsign/cancel` — give up a pending SecSign ID login. */
  cancel(transaction: string): Promise<unknown> {
    return this.call('POST', '/api/login/secsign/cancel', { transaction });
  }

  /** `POST /api/login/passkey/options` — a WebAuthn challenge (factors/passkey.ts). */
  passkeyOptions(
    body: { transaction?: string; username?: string },
    signal: AbortSignal,
  ): Promise<{ transaction: string; options: unknown }> {
    return this.call('POST', '/api/login/passkey/options', body, signal);
  }

  /** `POST /api/login/passkey/verify` — the browser's answer to the challenge. */
  passkeyVerify(transaction: string, credential: unknown, signal: AbortSignal): Promise<SignedIn> {
    return this.call('POST', '/api/login/passkey/verify', { transaction, credential }, signal);
  }

  /** One JSON request; throws `ApiError`. */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
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
