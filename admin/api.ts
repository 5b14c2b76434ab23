/**
 * The admin and profile pages' door to the backend: JSON over fetch with same-origin (or, with a
 * `server` origin, included) credentials. Every failure becomes an `ApiError` carrying the API's
 * `code`, `message` and `details`, or code `network` when no answer came.
 */
import type { Explanation } from '../server/domain/explain.js';

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

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.call<T>('GET', this.url(path, query));
  }

  send<T>(method: Exclude<Method, 'GET'>, path: string, body: unknown = {}): Promise<T> {
    return this.call<T>(method, this.url(path), body);
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

/** What GET /api/zone says about the requester. */
export interface ZoneInfo {
  clientIp: string | null;
  inside: boolean;
  zone: string | null;
  active: boolean;
  mode: 'password' | '2fa' | '2sa';
  reason: string;
}

export interface Settings {
  ipSafeZoneActive: boolean;
  twoStepActive: boolean;
  usersChangeOwnId: boolean;
  secSignAdmins: number;
}

export interface Zone {
  id: number;
  name: string;
  ranges: string[];
  enabled: boolean;
  force: boolean;
  note: string;
  addressCount: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  disabled: boolean;
  secSignId: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  username: string | null;
  clientIp: string | null;
  clientReason: string | null;
  zone: string | null;
  required: string | null;
  outcome: string | null;
}

/** What GET /api/admin/explain answers: the server's own type, so page and API cannot drift. */
export type Explain = Explanation;

export interface Session {
  id: string;
  current: boolean;
  factors: string;
  clientIp: string | null;
  zone: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export interface Me {
  user: Omit<User, 'disabled'>;
  factors: string | null;
  canChangeOwnId: boolean;
  client: { ip: string | null; reason: string };
}
