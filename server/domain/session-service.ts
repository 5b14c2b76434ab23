/**
 * The app's sessions as its doors read them: one service per app, created in `createApp` and
 * closed with it, so that nothing about sessions lives in module state and the store stays "SQL
 * in, plain objects out" (server/store/sessions.ts). It holds two things:
 *
 * The look-up behind a cookie for every door that reads one (the session middleware, hence
 * forward-auth above all: nginx asks `/api/verify` before every request to Jira): a short-lived
 * in-process cache in front of the one indexed read (issue 13), with these guarantees:
 * - a change this process makes — sign-out, revocation, a password reset, a user disabled,
 *   deleted or demoted — counts on the very next request: any write of this process to `sessions`
 *   or `users` makes every cached answer void (server/db/write-watch.ts);
 * - a change made by another instance or the CLI counts within `ttlMs` (1 s): no answer is kept
 *   longer than that;
 * - lifetimes are checked on every request against the clock, cached or not.
 * Unknown tokens are cached as well (a burst of guesses reads each token once a second at most);
 * the cache holds at most `maxEntries` tokens and starts afresh when full.
 *
 * Keeping a session alive: its `last_seen_at` is written at most once a minute per session, in the
 * background — the answer does not wait for it — and once however many requests arrive together.
 * `settle()` waits for the writes under way (tests); `close()` stops new ones and waits too.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { hashToken, looksLikeToken } from '../platform/crypto/tokens.js';
import { watchWrites } from '../db/write-watch.js';
import { bestEffort } from '../db/best-effort.js';
import { appLogger } from '../platform/logger.js';
import {
  readSessionWithUser,
  sessionAlive,
  touchSession,
  type SessionLifetimes,
  type SessionRecord,
  type SessionWithUser,
} from '../store/sessions.js';

export interface SessionServiceOptions {
  /** How long an answer read from the database is used (monotonic ms). */
  ttlMs?: number;
  maxEntries?: number;
}

/** The live session behind a cookie token together with its user, or null. */
export type SessionLookup = (token: string | undefined) => Promise<SessionWithUser | null>;

export interface SessionService {
  readonly lifetimes: SessionLifetimes;
  /** The live session and its user behind a cookie token, through the one-second cache. */
  lookup: SessionLookup;
  /** The live session behind a cookie token, read afresh (for a door about to act on it). */
  find(token: string | undefined): Promise<SessionRecord | null>;
  /** Resolves once every background `last_seen_at` write started so far has finished. */
  settle(): Promise<void>;
  /** Starts no more background writes and waits for those under way. */
  close(): Promise<void>;
}

/** How often `last_seen_at` is written at most, so that each request is not a write. */
const TOUCH_EVERY_MS = 60_000;
const MAX_REMEMBERED_TOUCHES = 10_000;

interface Entry {
  found: SessionWithUser | null;
  readAt: number;
  generation: number;
}

export function createSessionService(
  deps: { db: Database; clock: Clock; lifetimes: SessionLifetimes },
  options: SessionServiceOptions = {},
): SessionService {
  const { db, clock, lifetimes } = deps;
  const ttl = options.ttlMs ?? 1_000;
  const max = options.maxEntries ?? 10_000;
  const writes = watchWrites(db);
  const generation = () => writes.generation('sessions') + writes.generation('users');
  const cache = new Map<string, Entry>();
  /** When this app last wrote `last_seen_at` per session, so concurrent requests write once. */
  const lastTouch = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  let closed = false;

  /** Writes `last_seen_at` in the background (best effort); a failure is logged, never the request's problem. */
  const touchLater = (idHash: string, now: number): void => {
    if (closed) return;
    const last = lastTouch.get(idHash);
    if (last !== undefined && now >= last && now - last < TOUCH_EVERY_MS) return;
    if (lastTouch.size >= MAX_REMEMBERED_TOUCHES) lastTouch.clear();
    lastTouch.set(idHash, now);
    const p: Promise<void> = bestEffort('session last_seen_at', () => touchSession(db, idHash, now))
      .catch((err: unknown) => appLogger().error({ err }, 'session last_seen_at not written'))
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  /**
   * `found` when its session is still alive now, else null. Notes the use: `last_seen_at` is
   * written in the background at most once a minute, and `found.session.lastSeenAt` moves with it
   * (so a cached copy stays right).
   */
  const live = (found: SessionWithUser | null): SessionWithUser | null => {
    if (!found) return null;
    const now = clock.now();
    const s = found.session;
    if (!sessionAlive(s, now, lifetimes)) return null;
    if (now - s.lastSeenAt >= TOUCH_EVERY_MS) {
      touchLater(s.idHash, now);
      s.lastSeenAt = now;
    }
    return found;
  };

  const settle = async () => {
    await Promise.all([...pending]);
  };

  return {
    lifetimes,
    async lookup(token) {
      if (!looksLikeToken(token)) return null;
      const idHash = hashToken(token);
      const entry = cache.get(idHash);
      const now = performance.now();
      if (entry && entry.generation === generation() && now - entry.readAt < ttl) {
        return live(entry.found);
      }
      // Noted before the read: a write landing while it is under way voids what it read.
      const before = generation();
      const found = await readSessionWithUser(db, idHash);
      if (cache.size >= max) cache.clear();
      cache.set(idHash, { found, readAt: now, generation: before });
      return live(found);
    },
    async find(token) {
      if (!looksLikeToken(token)) return null;
      return live(await readSessionWithUser(db, hashToken(token)))?.session ?? null;
    },
    settle,
    async close() {
      closed = true;
      await settle();
    },
  };
}
