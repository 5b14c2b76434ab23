/**
 * The admin and profile pages' door to the backend: JSON over fetch with same-origin (or, with a
 * `server` origin, included) credentials. Every failure becomes an `ApiError` carrying the API's
 * `code`, `message` and `details`, or code `network` when no answer came.
 */
import type { hc, InferRequestType, InferResponseType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AdminApiRoutes } from '../server/admin-api/index.js';
import type { ProfileApiRoutes } from '../server/profile-api/index.js';
import type { LoginApiRoutes } from '../server/login/routes.js';
import type { OidcAdminRoutes } from '../server/oidc/admin-routes.js';

/**
 * The admin and profile APIs as Hono's typed client (`hc`) sees the server's route definitions —
 * for their types only, as the widget's client does (`hc` itself would add bytes for nothing): a
 * route is named as `AdminRoute['zones'][':id']['$patch']`, and `get`/`send` given such a route
 * take its JSON body and give its answer, so a renamed route field fails the type check.
 */
export type AdminRoute = ReturnType<typeof hc<AdminApiRoutes>>;
/** The profile API (`/api/me`), the same way. */
export type ProfileRoute = ReturnType<typeof hc<ProfileApiRoutes>>;
/** The login API (`/api/zone`, `/api/logout`, …), the widget's, the same way. */
export type LoginRoute = ReturnType<typeof hc<LoginApiRoutes>>;
/** The OpenID Connect clients' admin API (`/api/admin/oidc`), the same way. */
export type OidcAdminRoute = ReturnType<typeof hc<OidcAdminRoutes>>;
/** One route of the typed client (a `$get`, `$post`, … of one of the route types above). */
type Endpoint = (...args: never[]) => Promise<unknown>;
/** The JSON body a route's validator accepts (`never` when it takes none). */
export type BodyOf<R> = InferRequestType<R> extends { json: infer J } ? J : never;
/** The query parameters a route's validator reads (`never` when it reads none). */
export type QueryOf<R> =
  InferRequestType<R> extends { query: infer Q }
    ? { [K in keyof Q]?: string | number | undefined }
    : never;
/** What a route answers with on success (a 202 "held for approval" included). */
export type AnswerOf<R> = InferResponseType<R, SuccessStatusCode>;
/** `send`'s body: required when the route validates one, else none. */
type BodyArgs<R> = [BodyOf<R>] extends [never] ? [] : [body: BodyOf<R>];

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

  /**
   * `GET` the route R (named as `AdminRoute[…]['$get']`; nothing else is taken, so no call carries
   * a hand-written answer type) at `path` with its query: its answer.
   */
  get<R extends Endpoint>(path: string, query?: QueryOf<R>): Promise<AnswerOf<R>> {
    return this.call<AnswerOf<R>>('GET', this.url(path, query));
  }

  /** `method` the route R at `path` with its JSON body (`{}` when it takes none): its answer. */
  send<R extends Endpoint>(
    method: Exclude<Method, 'GET'>,
    path: string,
    ...body: BodyArgs<R>
  ): Promise<AnswerOf<R>> {
    return this.call<AnswerOf<R>>(method, this.url(path), body[0] ?? {});
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
 * The answers the sections keep, as the routes give them (no hand-written copies: a renamed field
 * in a route's answer fails the type check where the page reads it).
 */
export type ZoneInfo = AnswerOf<LoginRoute['zone']['$get']>;
export type Settings = AnswerOf<AdminRoute['settings']['$get']>;
export type Zone = AnswerOf<AdminRoute['zones']['$get']>['zones'][number];
export type AuditEntry = AnswerOf<AdminRoute['audit']['$get']>['entries'][number];
/** A user as the admin API lists them. */
export type User = AnswerOf<AdminRoute['users']['$get']>['users'][number];
/** What GET /api/admin/explain answers. */
export type Explain = AnswerOf<AdminRoute['explain']['$get']>;
/** `GET /api/me`: the signed-in user, what they proved, where they are. */
export type Me = AnswerOf<ProfileRoute['index']['$get']>;
export type Session = AnswerOf<ProfileRoute['sessions']['$get']>['sessions'][number];
/** A user's second factors (`GET /api/me/factors`, `GET /api/admin/users/:id/factors`). */
export type Factors = AnswerOf<ProfileRoute['factors']['$get']>;
