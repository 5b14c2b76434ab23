/**
 * The admin and profile pages' door to the backend: JSON over fetch with same-origin (or, with a
 * `server` origin, included) credentials. Every failure becomes an `ApiError` carrying the API's
 * `code`, `message` and `details`, or code `network` when no answer came.
 */
import type { hc, InferRequestType, InferResponseType } from 'hono/client';
import type { Explanation } from '../server/domain/explain.js';
import type { UserJson } from '../server/admin-api/views.js';
import type { AdminApiRoutes } from '../server/admin-api/index.js';
import type { ProfileApiRoutes } from '../server/profile-api/index.js';

/**
 * The admin and profile APIs as Hono's typed client (`hc`) sees the server's route definitions —
 * for their types only, as the widget's client does (`hc` itself would add bytes for nothing): a
 * route is named as `AdminRoute['zones'][':id']['$patch']`, and `get`/`send` given such a route
 * take its JSON body and give its answer, so a renamed route field fails the type check.
 */
export type AdminRoute = ReturnType<typeof hc<AdminApiRoutes>>;
/** The profile API (`/api/me`), the same way. */
export type ProfileRoute = ReturnType<typeof hc<ProfileApiRoutes>>;
/** One route of the typed client (a `$get`, `$post`, … of `AdminRoute` or `ProfileRoute`). */
type Endpoint = (...args: never[]) => Promise<unknown>;
/** The JSON body a route's validator accepts (`never` when it takes none). */
export type BodyOf<R> = InferRequestType<R> extends { json: infer J } ? J : never;
/** What a route answers with on success. */
export type AnswerOf<R> = InferResponseType<R, 200 | 201>;
/** `get<R>`/`send<R>`: R a route gives its answer (and body); any other R is the answer itself. */
type Answer<R> = R extends Endpoint ? AnswerOf<R> : R;
type Body<R> = R extends Endpoint ? BodyOf<R> : unknown;

/** A failed call: the backend's error, or `network` / `bad_response`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Talks to one ipsafezone backend; `server` empty means the page's own origin. */
export class PageApi {
  readonly base: string;

  constructor(server: string | undefined) {
    this.base = (server ?? '').trim().replace(/\/+$/, '');
  }

  /** A URL on the backend, with query parameters (empty values left out). */
  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    return this.base + path + (s ? `?${s}` : '');
  }

  get<R>(path: string, query?: Record<string, string | number | undefined>): Promise<Answer<R>> {
    return this.call<Answer<R>>('GET', this.url(path, query));
  }

  send<R>(method: Exclude<Method, 'GET'>, path: string, body?: Body<R>): Promise<Answer<R>> {
    return this.call<Answer<R>>(method, this.url(path), body ?? {});
  }

  private async call<T>(method: Method, url: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        credentials: this.base ? 'include' : 'same-origin',
        headers:
          body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    }
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      throw new ApiError(res.status, 'bad_response', 'The server gave an unexpected answer.');
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; details?: object } })?.error;
      throw new ApiError(
        res.status,
        e?.code ?? 'bad_response',
        e?.message ?? 'The server gave an unexpected answer.',
        (e?.details ?? {}) as Record<string, unknown>,
      );
    }
    return data as T;
  }
}

/**
 * The API's answers: the server's own types, imported type-only (no bytes in the bundle), so the
 * page and the API cannot drift apart.
 */
export type { ZoneInfo } from '../server/login/api-types.js';
export type { SettingsJson as Settings } from '../server/admin-api/settings-routes.js';
export type { ZoneJson as Zone, AuditJson as AuditEntry } from '../server/admin-api/views.js';
export type { SessionJson as Session, MeAnswer as Me } from '../server/profile-api/index.js';
export type { FactorsJson as Factors } from '../server/domain/factor-changes.js';
export type { TotpEnrolment } from '../server/factors/totp/totp-service.js';

/** A user as the admin API lists them. */
export type User = UserJson;

/** What GET /api/admin/explain answers: the server's own type, so page and API cannot drift. */
export type Explain = Explanation;
