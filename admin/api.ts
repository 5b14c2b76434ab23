/**
 * The admin and profile pages' door to the backend: JSON over fetch with same-origin (or, with a
 * `server` origin, included) credentials. Every failure becomes an `ApiError` carrying the API's
 * `code`, `message` and `details`, or code `network` when no answer came.
 */
import type { ExtractSchema, MergeSchemaPath } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ADMIN_API_PATH, AdminApiRoutes } from '../server/admin-api/index.js';
import type { PROFILE_API_PATH, ProfileApiRoutes } from '../server/profile-api/index.js';
import type { LOGIN_API_PATH, LoginApiRoutes } from '../server/login/routes.js';
import type { OIDC_ADMIN_API_PATH, OidcAdminRoutes } from '../server/oidc/admin-routes.js';

/**
 * Every route the pages call, as the server defines it (types only: Hono's `hc` would add bytes
 * for nothing): the route schemas of the admin, OIDC admin, profile and login APIs under the
 * prefixes `server/app.ts` mounts them at, so a key is a full path such as
 * `/api/admin/zones/:id`, and under it each method's input (`param`, `query`, `json`) and answers.
 */
type Routes = MergeSchemaPath<ExtractSchema<AdminApiRoutes>, typeof ADMIN_API_PATH> &
  MergeSchemaPath<ExtractSchema<OidcAdminRoutes>, typeof OIDC_ADMIN_API_PATH> &
  MergeSchemaPath<ExtractSchema<ProfileApiRoutes>, typeof PROFILE_API_PATH> &
  MergeSchemaPath<ExtractSchema<LoginApiRoutes>, typeof LOGIN_API_PATH>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Every path the server serves. */
type AnyPath = Extract<keyof Routes, string>;
/** The paths the server serves with `method` (`PathOf<'PATCH'>` holds `/api/admin/zones/:id`). */
export type PathOf<M extends Method> = {
  [P in AnyPath]: `$${Lowercase<M>}` extends keyof Routes[P] ? P : never;
}[AnyPath];
/** The route (its endpoints, one per answer status) that serves `method` at `path`. */
type Route<M extends Method, P extends PathOf<M>> = Routes[P][`$${Lowercase<M>}` & keyof Routes[P]];
/** What the route's validators and path read (`param`, `query`, `json`). */
type Input<M extends Method, P extends PathOf<M>> =
  Route<M, P> extends { input: infer I } ? NonNullable<I> : never;
/** The JSON body the route's validator accepts (`never` when it takes none). */
export type Body<M extends Method, P extends PathOf<M>> =
  Input<M, P> extends { json: infer J } ? J : never;
/** The route's query parameters, each optional (`url` leaves empty ones out). */
export type Query<M extends Method, P extends PathOf<M>> =
  Input<M, P> extends { query: infer Q } ? { [K in keyof Q]?: string | number | undefined } : never;
/** What the route answers with on success (a 202 "held for approval" included). */
export type Answer<M extends Method, P extends PathOf<M>> = SuccessOutput<Route<M, P>>;
type SuccessOutput<E> = E extends { output: infer O; status: infer S }
  ? S extends SuccessStatusCode
    ? O
    : never
  : never;
/**
 * A call's arguments besides method and path: the values of the path's `:params` (required when
 * it has some), its query, and its JSON body (required when the route validates one).
 */
type Args<M extends Method, P extends PathOf<M>> = (Input<M, P> extends { param: infer A }
  ? { param: { [K in keyof A]: string | number } }
  : { param?: never }) &
  ([Query<M, P>] extends [never] ? { query?: never } : { query?: Query<M, P> }) &
  ([Body<M, P>] extends [never] ? { json?: never } : { json: Body<M, P> });
/** What every route's arguments are, seen from inside `PageApi`. */
interface AnyArgs {
  param?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
}
/** The arguments as a rest parameter: left out entirely when nothing in them is required. */
type ArgList<M extends Method, P extends PathOf<M>> =
  Partial<Args<M, P>> extends Args<M, P> ? [args?: Args<M, P>] : [args: Args<M, P>];

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

/** Talks to one ipsafezone backend; `server` empty means the page's own origin. */
export class PageApi {
  readonly base: string;

  constructor(server: string | undefined) {
    this.base = (server ?? '').trim().replace(/\/+$/, '');
  }

  /**
   * A URL on the backend: `path` (a route's, as the server names it) with each `:param` replaced by
   * its value, URI-encoded, and the query (empty values left out).
   */
  url<P extends PathOf<'GET'>>(path: P, ...args: ArgList<'GET', P>): string {
    return this.href(path, args[0] as AnyArgs | undefined);
  }

  /** `GET` the route at `path` (`/api/admin/users`, with `{ query }`): its answer. */
  get<P extends PathOf<'GET'>>(path: P, ...args: ArgList<'GET', P>): Promise<Answer<'GET', P>> {
    return this.call('GET', this.href(path, args[0] as AnyArgs | undefined));
  }

  /**
   * `method` the route at `path` (`'PATCH', '/api/admin/zones/:id'`, with `{ param, query, json }`)
   * with its JSON body (`{}` when it takes none): its answer.
   */
  send<M extends Exclude<Method, 'GET'>, P extends PathOf<M>>(
    method: M,
    path: P,
    ...args: ArgList<M, P>
  ): Promise<Answer<M, P>> {
    const { param, query, json } = (args[0] ?? {}) as AnyArgs;
    return this.call(method, this.href(path, { param, query }), json ?? {});
  }

  private href(path: string, args: AnyArgs = {}): string {
    const { param = {}, query = {} } = args;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    const filled = path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(String(param[name])),
    );
    return this.base + filled + (s ? `?${s}` : '');
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
export type ZoneInfo = Answer<'GET', '/api/zone'>;
export type Settings = Answer<'GET', '/api/admin/settings'>;
export type Zone = Answer<'GET', '/api/admin/zones'>['zones'][number];
export type AuditEntry = Answer<'GET', '/api/admin/audit'>['entries'][number];
/** A user as the admin API lists them. */
export type User = Answer<'GET', '/api/admin/users'>['users'][number];
/** What GET /api/admin/explain answers. */
export type Explain = Answer<'GET', '/api/admin/explain'>;
/** `GET /api/me`: the signed-in user, what they proved, where they are. */
export type Me = Answer<'GET', '/api/me'>;
export type Session = Answer<'GET', '/api/me/sessions'>['sessions'][number];
/** A user's second factors (`GET /api/me/factors`, `GET /api/admin/users/:id/factors`). */
export type Factors = Answer<'GET', '/api/me/factors'>;
