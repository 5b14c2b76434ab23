/**
 * The cap on anonymous OIDC requests that make the library store a record: every authorization
 * request of a known client (an `Interaction`, about 1 KB in `oidc_store`) and every logout page
 * (`GET /oidc/session/end`, a `Session`) — which anyone can repeat, so that one client grew the
 * table with every request. Outside the safe zone an address group may make
 * OPEN_ANONYMOUS_PER_ADDRESS of them per CAP_WINDOW_MS; further ones are refused (429) before the
 * provider runs. Inside the zone there is no cap: an office signs in to Jira by the hundreds from
 * one NAT address in the morning.
 *
 * "Anonymous": the request carries no `_session` cookie of the provider that names a session with
 * a signed-in account. A request is counted before it is handed to the provider (so no parallel
 * burst gets more than the cap through) and given back afterwards when the provider set none of
 * its record cookies (`_interaction`, `_session`): an unknown client or a bad redirect URI stores
 * nothing and is aggregated in the audit instead, so it does not use up the group's allowance.
 *
 * Counted in memory per process (server/platform/bounded-expiring-map.ts: the oldest window makes
 * room): several instances each allow their cap. Counted per address group (`clientGroup`: IPv4
 * per address, IPv6 per /64) and, for IPv6, per /48 in all with its own, wider allowance
 * (`config.siteLimits.openAnonymous`): a client holding a /48 could otherwise take the /64's
 * allowance in each of its 65,536 /64s. (Before, a busy /48 was folded into one group the way the
 * audit folds it, audit-address-groups.ts; that gave it five /64s' allowance whatever the setting.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../platform/clock.js';
import { BoundedExpiringMap } from '../platform/bounded-expiring-map.js';
import type { AppConfig } from '../config/settings.js';
import { clientGroup, siteGroup } from '../zones/client-group.js';
import { OPEN_ANONYMOUS_PER_ADDRESS } from '../domain/login/rate-limit.js';
import { OIDC_PREFIX } from './provider.js';

/** The window the cap counts in: an interaction record's lifetime (TTL.Interaction). */
export const CAP_WINDOW_MS = 15 * 60_000;
/** Address groups counted at once (memory); the oldest window makes room. */
const MAX_GROUPS = 10_000;

/** The provider's endpoints that store a record for an anonymous request. */
const RECORDING_PATHS = new Set([`${OIDC_PREFIX}/auth`, `${OIDC_PREFIX}/session/end`]);
/** The provider's cookie names (its defaults: server/oidc/provider.ts keeps them). */
const SESSION_COOKIE = '_session';
const RECORD_COOKIE = /^(?:_interaction|_session)=[^;]/;

export interface AnonymousCap {
  /** Whether the request is one the cap counts (the path; not yet who sent it). */
  applies(path: string, method: string): boolean;
  /**
   * Counts the request against its group's allowance and its /48's: what `settle` takes back when
   * it may go on, else the seconds until the full window ends.
   */
  take(ip: string | null): { key: string } | { retryAfterSeconds: number };
  /** After the provider answered: gives the request back when it stored no record. */
  settle(key: string, res: ServerResponse): void;
}

/** The provider session id the request's cookie names, if any. */
export function providerSessionId(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (value) return value;
    }
  }
  return null;
}

export function createAnonymousCap(
  clock: Clock,
  config: Pick<AppConfig, 'siteLimits'>,
): AnonymousCap {
  /** Per group or /48 key: when its window started and how many requests it holds. */
  const windows = new BoundedExpiringMap<{ from: number; count: number }>(MAX_GROUPS);

  return {
    applies: (path, method) => (method === 'GET' || method === 'POST') && RECORDING_PATHS.has(path),
    take(ip) {
      const now = clock.now();
      const site = siteGroup(ip)?.key;
      const counted = [
        { key: clientGroup(ip).key, limit: OPEN_ANONYMOUS_PER_ADDRESS },
        ...(site ? [{ key: site, limit: config.siteLimits.openAnonymous }] : []),
      ].map(({ key, limit }) => ({ key, limit, w: windows.get(key, now) }));
      const full = counted.filter(({ w, limit }) => (w?.count ?? 0) >= limit);
      if (full.length) {
        const until = Math.max(...full.map(({ w }) => (w?.from ?? now) + CAP_WINDOW_MS));
        return { retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
      }
      // Windows open only for a request that goes on: refused ones (from ever new /64s, say)
      // must not fill the map and push a full window out of it.
      for (const { key, w } of counted) {
        if (w) w.count++;
        else windows.set(key, { from: now, count: 1 }, now + CAP_WINDOW_MS, now);
      }
      return { key: counted.map(({ key }) => key).join(' ') };
    },
    settle(key, res) {
      const cookies = res.getHeader('set-cookie');
      const list = Array.isArray(cookies) ? cookies : cookies ? [String(cookies)] : [];
      if (list.some((c) => RECORD_COOKIE.test(c))) return;
      for (const k of key.split(' ')) {
        const w = windows.get(k, clock.now());
        if (w && w.count > 0) w.count--;
      }
    },
  };
}
