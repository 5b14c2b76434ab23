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
 * Bounded memory: at most `maxKeys` windows. When full, by default (`whenFull: 'forget'`) every
 * window is handed to `onEvicted` (with its count) and forgotten — fine for keys a client cannot
 * choose (a session's grants). For keys a client can vary at will (its address) that would let a
 * flood of new keys reopen, and write, a window with every request; so with `whenFull: 'refuse'`
 * only windows that ended make room, and a new key is then answered `full`: the caller folds it
 * into one of a few wide keys it hits with `hitWide`, which are not counted against `maxKeys`.
 * A group (the client's address group) may hold at most `maxPerGroup` windows at once; a further
 * key of a full group is answered `crowded`, and the caller folds it into a group-wide key — so
 * one address spraying many user names still writes a bounded number of rows.
 *
 * Each hit may name its `source` (the exact address within the group): the repeats remember the
 * first one and whether others came too, so a row can say whether its count is one address's.
 */
import type { Clock } from '../platform/clock.js';

/** Occurrences of a key that were counted, not written: how many, first and last time. */
export interface Repeats {
  count: number;
  from: number;
  to: number;
  /** The source of the first counted occurrence (when hits name one). */
  source?: string;
  /** Whether counted occurrences came from more than one source. */
  manySources?: boolean;
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
  | { kind: 'crowded' }
  /** `maxKeys` windows are open (`whenFull: 'refuse'`): use a wide key (`hitWide`) instead. */
  | { kind: 'full' };

export interface AuditWindows<T> {
  /** Whether the next hit of this key would open a window (nothing is changed). */
  due(key: string): boolean;
  /** Counts one occurrence of `key`; `opening` is kept with a window that opens now. */
  hit(key: string, opening: T, group?: string, source?: string): Hit;
  /** Like `hit` for one of the caller's few wide keys: never `full`, not counted in `maxKeys`. */
  hitWide(key: string, opening: T, source?: string): Hit;
  /** Takes and forgets the windows that ended (every window with `all`) and hold repeats. */
  takeEnded(all?: boolean): EndedWindow<T>[];
}

export interface AuditWindowOptions<T> {
  everyMs: number;
  maxKeys?: number;
  maxPerGroup?: number;
  /** What a new key does when `maxKeys` windows are held (see the module comment); `forget`. */
  whenFull?: 'forget' | 'refuse';
  /** Told about the windows with repeats forgotten because memory was full. */
  onEvicted?: (ended: EndedWindow<T>[]) => void;
}

interface Window<T> {
  start: number;
  opening: T;
  group: string | undefined;
  wide: boolean;
  repeats: Repeats | null;
}

export function createAuditWindows<T>(
  clock: Clock,
  options: AuditWindowOptions<T>,
): AuditWindows<T> {
  const { everyMs, maxKeys = 10_000, maxPerGroup = Infinity, whenFull = 'forget' } = options;
  /** In the order the windows opened (a window that opens again is deleted and set anew). */
  const windows = new Map<string, Window<T>>();
  const perGroup = new Map<string, number>();
  let wideCount = 0;
  const open = (w: Window<T> | undefined, now: number) =>
    w !== undefined && now - w.start < everyMs;
  const forget = (key: string, w: Window<T>) => {
    windows.delete(key);
    if (w.wide) wideCount -= 1;
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
  /** Takes the windows that ended from the front (the oldest) until the first open one. */
  const takeOldestEnded = (now: number): EndedWindow<T>[] => {
    const ended: EndedWindow<T>[] = [];
    for (const [key, w] of windows) {
      if (open(w, now)) break;
      forget(key, w);
      if (w.repeats) ended.push({ key, opening: w.opening, repeats: w.repeats });
    }
    return ended;
  };
  /** Counts a hit of an open window. */
  const repeat = (w: Window<T>, now: number, source: string | undefined): Hit => {
    const r = w.repeats;
    if (!r) {
      w.repeats = { count: 1, from: now, to: now };
      if (source !== undefined) w.repeats.source = source;
    } else {
      r.count += 1;
      r.to = now;
      if (source !== r.source) r.manySources = true;
    }
    return { kind: 'repeat' };
  };
  const openWindow = (
    key: string,
    w: Window<T> | undefined,
    window: Omit<Window<T>, 'repeats'>,
  ): Hit => {
    windows.set(key, { ...window, repeats: null });
    if (window.wide) wideCount += 1;
    const { group } = window;
    if (group !== undefined) perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
    return { kind: 'open', carried: w?.repeats ?? null };
  };
  return {
    due(key) {
      return !open(windows.get(key), clock.now());
    },
    hitWide(key, opening, source) {
      const now = clock.now();
      const w = windows.get(key);
      if (w && open(w, now)) return repeat(w, now, source);
      if (w) forget(key, w);
      return openWindow(key, w, { start: now, opening, group: undefined, wide: true });
    },
    hit(key, opening, group, source) {
      const now = clock.now();
      const w = windows.get(key);
      if (w && open(w, now)) return repeat(w, now, source);
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
      if (windows.size - wideCount >= maxKeys) {
        const evicted = whenFull === 'refuse' ? takeOldestEnded(now) : take(() => true);
        if (evicted.length) options.onEvicted?.(evicted);
        if (windows.size - wideCount >= maxKeys) {
          if (w?.repeats) options.onEvicted?.([{ key, opening: w.opening, repeats: w.repeats }]);
          return { kind: 'full' };
        }
      }
      return openWindow(key, w, { start: now, opening, group, wide: false });
    },
    takeEnded(all = false) {
      const now = clock.now();
      return take((w) => all || !open(w, now));
    },
  };
}
