/**
 * Finds the session behind a cookie for every door that reads one (the session middleware, hence
 * forward-auth above all: nginx asks `/api/verify` before every request to Jira). A short-lived
 * in-process cache in front of the one indexed read (issue 13), with these guarantees:
 * - a change this process makes — sign-out, revocation, a password reset, a user disabled,
 *   deleted or demoted — counts on the very next request: any write of this process to `sessions`
 *   or `users` makes every cached answer void (server/db/write-watch.ts);
 * - a change made by another instance or the CLI counts within `ttlMs` (1 s): no answer is kept
 *   longer than that;
 * - lifetimes are checked on every request against the clock, cached or not.
 * Unknown tokens are cached as well (a burst of guesses reads each token once a second at most);
 * the cache holds at most `maxEntries` tokens and starts afresh when full.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { hashToken, looksLikeToken } from '../platform/crypto/tokens.js';
import { watchWrites, writeGeneration } from '../db/write-watch.js';
import {
  liveSession,
  readSessionWithUser,
  type SessionLifetimes,
  type SessionWithUser,
} from '../store/sessions.js';

export interface SessionLookupOptions {
  /** How long an answer read from the database is used (monotonic ms). */
  ttlMs?: number;
  maxEntries?: number;
}

export type SessionLookup = (token: string | undefined) => Promise<SessionWithUser | null>;

interface Entry {
  found: SessionWithUser | null;
  readAt: number;
  generation: number;
}

export function createSessionLookup(
  deps: { db: Database; clock: Clock; lifetimes: SessionLifetimes },
  options: SessionLookupOptions = {},
): SessionLookup {
  const { db, clock, lifetimes } = deps;
  const ttl = options.ttlMs ?? 1_000;
  const max = options.maxEntries ?? 10_000;
  watchWrites(db);
  const generation = () => writeGeneration(db, 'sessions') + writeGeneration(db, 'users');
  const cache = new Map<string, Entry>();

  return async (token) => {
    if (!looksLikeToken(token)) return null;
    const idHash = hashToken(token);
    const entry = cache.get(idHash);
    const now = performance.now();
    if (entry && entry.generation === generation() && now - entry.readAt < ttl) {
      return liveSession(db, clock, lifetimes, entry.found);
    }
    // Noted before the read: a write landing while it is under way voids what it read.
    const before = generation();
    const found = await readSessionWithUser(db, idHash);
    if (cache.size >= max) cache.clear();
    cache.set(idHash, { found, readAt: now, generation: before });
    return liveSession(db, clock, lifetimes, found);
  };
}
