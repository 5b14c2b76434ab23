/**
 * Audit rows for decisions a client can repeat at will without the database growing with them
 * (issue 23, item 3): a 401 from `/api/verify`, a sign-in refused because the name is locked, an
 * OIDC request from an unknown client or with a bad `redirect_uri`, an anonymous browser at the
 * OIDC interaction. Each such decision is audited per (client address group, action, outcome and
 * reason, user name) in a ten-minute window (server/domain/audit-windows.ts): the first occurrence writes its row
 * now; the others are counted in memory — and in the metrics, each one — and their count is
 * written as `details.count` on the key's next row: the next window's first row, or a row of its
 * own when the window is flushed (`flush`, every minute from main.ts and at shutdown). Every row
 * stands for `details.count ?? 1` occurrences; `details.countFrom` / `countTo` give the time span
 * of the counted ones.
 *
 * The address group is the rate limiter's (`clientGroup`): IPv4 per address, IPv6 per /64 — one
 * IPv6 host owns a whole /64 and could send every request from a new address. And since one site
 * is often given a whole /48, a /48 whose decisions come from more than PREFIXES_PER_SITE /64s at
 * once has the others counted as the /48 (audit-address-groups.ts). A row of an IPv6 group names it in
 * `details.prefix` (`2001:db8:66:1::/64`, `2001:db8:66::/48`); `client_ip` is the address of the
 * occurrence that opened the window, and `details.manyAddresses` says that the counted ones came
 * from more than that one address.
 *
 * One group may hold at most 20 named windows at once; further user names from it are folded
 * into one window per (group, action, outcome) with `username` null and `details.manyNames`.
 * So a flood from one address or /64 writes at most (20 + 1) × 2 rows per action and outcome in
 * ten minutes, whatever it sends. At most MAX_WINDOWS windows are held; when that many are open
 * (a flood from very many groups), a further group's decisions fold into one window per (action,
 * outcome, reason) for every address (`details.manyClients`) instead of evicting the open windows
 * and writing a row for every new one: so even a flood from a whole /48 or a botnet writes at most
 * about 2 × MAX_WINDOWS rows in ten minutes.
 *
 * Usage: `aggregatedAuditFor(db, clock).record(zoneDecision, { action, actor, username, outcome })`
 * where `auditDecision` would be called. One instance per database client, shared by every door of
 * the app (the windows are this process's; two instances each write their own rows).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { bestEffort } from '../db/best-effort.js';
import { appLogger, type Logger } from '../platform/logger.js';
import {
  announceAudit,
  appendAudit,
  auditStatement,
  type AuditEntryInput,
} from '../store/audit.js';
import { decisionEntry, type DecisionEntry } from './audit-decision.js';
import { createAuditWindows, type EndedWindow, type Repeats } from './audit-windows.js';
import type { ZoneDecision } from './zone-decision.js';
import { createAuditAddressGroups } from './audit-address-groups.js';

export const AGGREGATE_WINDOW_MS = 10 * 60_000;
/** Named windows one client address may hold at once (then its names are folded together). */
export const NAMES_PER_ADDRESS = 20;
export { PREFIXES_PER_SITE } from './audit-address-groups.js';
/** Windows held at once (memory); then new groups fold into one window per action and outcome. */
export const MAX_WINDOWS = 10_000;
/** How often main.ts writes the counts of ended windows. */
export const AGGREGATE_FLUSH_EVERY_MS = 60_000;

export interface RecordOptions {
  /** Where a skipped write is logged (the request's logger). */
  log?: Logger;
  /** What else tells refusals apart beside the outcome (an OIDC error code); default none. */
  reason?: string;
}

export interface AggregatedAudit {
  /**
   * Audits one decision aggregated, as `auditDecision` would write it. Never throws for a database
   * that cannot take the write (it is skipped with a warning in `log`): the answer is a refusal
   * either way.
   */
  record(zoneDecision: ZoneDecision, entry: DecisionEntry, options?: RecordOptions): Promise<void>;
  /** Writes the counts of ended windows (of all windows with `all`); returns the rows written. */
  flush(options?: { all?: boolean }): Promise<number>;
}

export function createAggregatedAudit(
  db: Database,
  clock: Clock,
  options: { windowMs?: number; namesPerAddress?: number; maxWindows?: number } = {},
): AggregatedAudit {
  let evicted: EndedWindow<AuditEntryInput>[] = [];
  const windows = createAuditWindows<AuditEntryInput>(clock, {
    everyMs: options.windowMs ?? AGGREGATE_WINDOW_MS,
    maxPerGroup: options.namesPerAddress ?? NAMES_PER_ADDRESS,
    maxKeys: options.maxWindows ?? MAX_WINDOWS,
    whenFull: 'refuse',
    onEvicted: (ended) => evicted.push(...ended),
  });

  const groupOf = createAuditAddressGroups(clock, {
    everyMs: options.windowMs ?? AGGREGATE_WINDOW_MS,
    maxKeys: options.maxWindows ?? MAX_WINDOWS,
  });

  const writeCounts = async (ended: EndedWindow<AuditEntryInput>[], log: Logger) => {
    if (ended.length === 0) return 0;
    const statements = ended.map((w) =>
      auditStatement(w.repeats.to, counted(w.opening, w.repeats, 0)),
    );
    await bestEffort('aggregated audit counts', () => db.batch(statements, 'write'), log);
    return ended.length;
  };

  return {
    async record(zoneDecision, entry, { log = appLogger(), reason = '' } = {}) {
      let full = decisionEntry(zoneDecision, entry);
      const source = full.clientIp ?? '';
      const group = groupOf(full.clientIp ?? null);
      if (group.prefix)
        full = { ...full, details: { ...(full.details as object), prefix: group.label } };
      const keyOf = (address: string, name: string) =>
        [address, full.action, full.outcome, reason, name].join('\u0000');
      let hit = windows.hit(keyOf(group.key, full.username ?? ''), full, group.key, source);
      if (hit.kind === 'crowded') {
        const details = { ...(full.details as object), manyNames: true };
        full = { ...full, actor: null, username: null, details };
        hit = windows.hit(keyOf(group.key, '\u0000*'), full, undefined, source);
      }
      if (hit.kind === 'full') {
        const { prefix: _, ...rest } = full.details as { prefix?: string };
        const details = { ...rest, manyNames: true, manyClients: true };
        full = { ...full, actor: null, username: null, details };
        hit = windows.hitWide(keyOf('\u0000*', '\u0000*'), full, source);
      }
      if (hit.kind === 'repeat') {
        announceAudit(db, full, true);
      } else {
        const row = hit.kind === 'open' && hit.carried ? counted(full, hit.carried, 1) : full;
        await bestEffort('audit', () => appendAudit(db, clock, row), log);
      }
      if (evicted.length) {
        const taken = evicted;
        evicted = [];
        await writeCounts(taken, log);
      }
    },
    async flush({ all = false } = {}) {
      const taken = [...evicted, ...windows.takeEnded(all)];
      evicted = [];
      return writeCounts(taken, appLogger());
    },
  };
}

/** The entry zone decision for `itself` (0 or 1) occurrence and the counted `repeats`. */
function counted(entry: AuditEntryInput, repeats: Repeats, itself: 0 | 1): AuditEntryInput {
  const oneAddress = !repeats.manySources && (repeats.source ?? '') === (entry.clientIp ?? '');
  return {
    ...entry,
    details: {
      ...(entry.details as object),
      count: repeats.count + itself,
      countFrom: new Date(repeats.from).toISOString(),
      countTo: new Date(repeats.to).toISOString(),
      ...(oneAddress ? {} : { manyAddresses: true }),
    },
  };
}

const perDatabase = new WeakMap<Database, AggregatedAudit>();

/** The one aggregated audit of a database client (created with `clock` on first use). */
export function aggregatedAuditFor(db: Database, clock: Clock): AggregatedAudit {
  let audit = perDatabase.get(db);
  if (!audit) {
    audit = createAggregatedAudit(db, clock);
    perDatabase.set(db, audit);
  }
  return audit;
}

/** Flushes the counts of ended windows every `everyMs`; the timer does not keep the process alive. */
export function scheduleAggregatedAuditFlush(
  audit: AggregatedAudit,
  everyMs = AGGREGATE_FLUSH_EVERY_MS,
): () => void {
  const timer = setInterval(() => {
    audit.flush().catch((err: unknown) => appLogger().error({ err }, 'audit counts not written'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
