/**
 * Time windows per key, kept in memory, for audit rows a client can make us write again and again:
 * forward-auth's grants (nginx asks before every request to Jira) and the refusals an anonymous
 * client repeats at will (a 401 from `/api/verify`, a sign-in refused because the name is locked,
 * an OIDC request from an unknown client). The first occurrence of a key opens a window and is
 * written; the others within the window are only counted (`repeat`), and their count is handed
 * back when the next window of the key opens (carried on its row) or when the window is taken as
 * ended (`takeEnded`, written as a row of its own). So one key writes at most two rows a window,
 * however often it is hit.
 *
 * Bounded memory: at most `maxKeys` windows; when full, every window is handed to `onEvicted` (with
 * its count) and forgotten. A group (the client address) may hold at most `maxPerGroup` windows at
 * once; a further key of a full group is answered `crowded`, and the caller folds it into a
 * group-wide key — so one address spraying many user names still writes a bounded number of rows.
 */
import type { Clock } from '../platform/clock.js';

/** Occurrences of a key that were counted, not written: how many, first and last time. */
export interface Repeats {
  count: number;
  from: number;
  to: number;
}

/** A window that ended (or was evicted) with repeats no row holds yet, and what opened it. */
export interface EndedWindow<T> {
  key: string;
  opening: T;
  repeats: Repeats;
}

export type Hit =
  /** A window opened now: write a row (carrying `carried`, the previous window's repeats). */
  | { kind: 'open'; carried: Repeats | null }
  /** Counted within the open window: write nothing. */
  | { kind: 'repeat' }
  /** The group already holds `maxPerGroup` windows: use a group-wide key instead. */
  | { kind: 'crowded' };

export interface AuditWindows<T> {
  /** Whether the next hit of this key would open a window (nothing is changed). */
  due(key: string): boolean;
  /** Counts one occurrence of `key`; `opening` is kept with a window that opens now. */
  hit(key: string, opening: T, group?: string): Hit;
  /** Takes and forgets the windows that ended (every window with `all`) and hold repeats. */
  takeEnded(all?: boolean): EndedWindow<T>[];
}

export interface AuditWindowOptions<T> {
  everyMs: number;
  maxKeys?: number;
  maxPerGroup?: number;
  /** Told about the windows with repeats forgotten because memory was full. */
  onEvicted?: (ended: EndedWindow<T>[]) => void;
}

interface Window<T> {
  start: number;
  opening: T;
  group: string | undefined;
  repeats: Repeats | null;
}

export function createAuditWindows<T>(
  clock: Clock,
  options: AuditWindowOptions<T>,
): AuditWindows<T> {
  const { everyMs, maxKeys = 10_000, maxPerGroup = Infinity } = options;
  const windows = new Map<string, Window<T>>();
  const perGroup = new Map<string, number>();
  const open = (w: Window<T> | undefined, now: number) =>
    w !== undefined && now - w.start < everyMs;
  const forget = (key: string, w: Window<T>) => {
    windows.delete(key);
    if (w.group === undefined) return;
    const n = (perGroup.get(w.group) ?? 1) - 1;
    if (n > 0) perGroup.set(w.group, n);
    else perGroup.delete(w.group);
  };
  const take = (pick: (w: Window<T>) => boolean): EndedWindow<T>[] => {
    const ended: EndedWindow<T>[] = [];
    for (const [key, w] of windows) {
      if (!pick(w)) continue;
      forget(key, w);
      if (w.repeats) ended.push({ key, opening: w.opening, repeats: w.repeats });
    }
    return ended;
  };
  return {
    due(key) {
      return !open(windows.get(key), clock.now());
    },
    hit(key, opening, group) {
      const now = clock.now();
      const w = windows.get(key);
      if (w && open(w, now)) {
        if (w.repeats) {
          w.repeats.count += 1;
          w.repeats.to = now;
        } else {
          w.repeats = { count: 1, from: now, to: now };
        }
        return { kind: 'repeat' };
      }
      if (w) forget(key, w);
      if (group !== undefined && (perGroup.get(group) ?? 0) >= maxPerGroup) {
        // Windows of the group that ended make room first.
        const ended = take((x) => x.group === group && !open(x, now));
        if (ended.length) options.onEvicted?.(ended);
        if ((perGroup.get(group) ?? 0) >= maxPerGroup) {
          // The old window's repeats must not be lost: keep it (it ended) for takeEnded.
          if (w?.repeats) options.onEvicted?.([{ key, opening: w.opening, repeats: w.repeats }]);
          return { kind: 'crowded' };
        }
      }
      if (windows.size >= maxKeys) {
        const evicted = take(() => true);
        if (evicted.length) options.onEvicted?.(evicted);
      }
      windows.set(key, { start: now, opening, group, repeats: null });
      if (group !== undefined) perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
      return { kind: 'open', carried: w?.repeats ?? null };
    },
    takeEnded(all = false) {
      const now = clock.now();
      return take((w) => all || !open(w, now));
    },
  };
}
