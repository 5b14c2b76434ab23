/**
 * Creating, changing and deleting safe zones. Ranges are validated by the zone engine before
 * anything is written; a refusal points at each bad range by index. A change that would take an
 * enabled administrator's way in — judged on the last 30 days' sign-ins, as the impact preview
 * shows it — is refused (409 `admin_locked_out`, policy-preview-admins.ts), the guard and the write
 * atomic (policy-save.ts); so is, until confirmed, one that would end the acting administrator's
 * own session (409 `ends_own_session`, own-session.ts). Every change bumps the zones version
 * counter in the same transaction, so every instance's matcher notices it. A draft applied writes
 * all its zones in one batch (`planZoneSet`).
 */
import type { Database, Statement } from '../db/database.js';
import type { ZoneDefinition } from '../zones/types.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { countAddresses, coveredFamilies, parseZoneRanges } from '../zones/index.js';
import { auditStatement } from '../store/audit.js';
import {
  bumpZonesVersionStatement,
  deleteZoneStatement,
  findZoneById,
  findZoneByName,
  insertZoneStatement,
  listZones,
  updateZoneStatement,
  zoneNameKey,
  type ZoneFields,
  type ZoneRecord,
} from '../store/zones.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import { zoneNameTaken, zoneNotFound } from './errors.js';
import { guardAdminsWayIn } from './policy-preview-admins.js';
import { savePolicy } from './policy-save.js';
import { guardOwnSession, type OwnSession } from './own-session.js';

/** Most ranges one zone may have. */
export const MAX_RANGES_PER_ZONE = 1000;

export interface ZoneInput {
  name: string;
  ranges: string[];
  enabled?: boolean;
  note?: string;
  /** Accept ranges covering everything (`0.0.0.0/0`, `::/0`). */
  force?: boolean;
}

/** A zone as the admin API shows it, with what its ranges cover. */
export interface ZoneView extends ZoneRecord {
  /** Distinct addresses covered (decimal string: IPv6 counts are huge). */
  addressCount: string;
  /** Warnings that did not refuse a range (e.g. a very large range). */
  warnings: string[];
}

/** Adds the address count and warnings to a stored zone. */
export function viewZone(zone: ZoneRecord): ZoneView {
  const { ranges, problems } = parseZoneRanges(zone.ranges, { force: zone.force });
  const warnings = ranges.flatMap((r) => r.warnings);
  if (problems.length) warnings.push(`${problems.length} stored range(s) no longer parse.`);
  return { ...zone, addressCount: countAddresses(ranges).toString(), warnings };
}

function checkName(name: string): string {
  const v = name.trim();
  if (v.length < 1 || v.length > 100 || /\p{Cc}/u.test(v)) {
    throw new AppError(
      422,
      'invalid_zone_name',
      'A zone name has 1 to 100 characters and no control characters.',
    );
  }
  return v;
}

function checkNote(note: string): string {
  if (note.length > 1000) {
    throw new AppError(422, 'invalid_note', 'A note has at most 1000 characters.');
  }
  return note;
}

/** Throws 422 `invalid_ranges` (with `details.problems` by index) unless every range parses. */
export function checkRanges(ranges: string[], force: boolean): string[] {
  if (ranges.length === 0) {
    throw new AppError(422, 'no_ranges', 'A zone needs at least one range.');
  }
  if (ranges.length > MAX_RANGES_PER_ZONE) {
    throw new AppError(
      422,
      'too_many_ranges',
      `A zone may have at most ${MAX_RANGES_PER_ZONE} ranges.`,
    );
  }
  const { problems } = parseZoneRanges(ranges, { force });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new AppError(
      422,
      'invalid_ranges',
      `Range ${first.index + 1} ("${first.text}") is not valid: ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''),
      { problems },
    );
  }
  return ranges.map((r) => r.trim());
}

/**
 * Refuses (422 `covers_everything`) a zone whose ranges, merged with those of the other enabled
 * zones, cover every IPv4 or every IPv6 address, unless forced: `0.0.0.0/1` + `128.0.0.0/1` switches
 * the second factor off for everyone just as `0.0.0.0/0` does, whether in one zone or split over
 * two. A forced zone is not checked; nor is what forced zones elsewhere already cover.
 */
async function checkUnionCoverage(db: Database, fields: ZoneFields, ownId: number | null) {
  if (fields.force || !fields.enabled) return;
  const others = (await listZones(db)).filter((z) => z.enabled && z.id !== ownId);
  const refusal = unionCoverageRefusal(others, fields);
  if (refusal) throw refusal;
}

/** `checkUnionCoverage`'s judgement of `fields` beside the `others` (enabled) zones' ranges. */
function unionCoverageRefusal(
  others: readonly Pick<ZoneFields, 'ranges'>[],
  fields: ZoneFields,
): AppError | null {
  const otherRanges = parseZoneRanges(
    others.flatMap((z) => z.ranges),
    { force: true },
  ).ranges;
  const before = coveredFamilies(otherRanges);
  const after = coveredFamilies([
    ...otherRanges,
    ...parseZoneRanges(fields.ranges, { force: true }).ranges,
  ]);
  // Only what this save newly covers: a forced zone elsewhere already covering all is its own call.
  const v4 = after.ipv4 && !before.ipv4;
  if (!v4 && !(after.ipv6 && !before.ipv6)) return null;
  const family = v4 ? 'IPv4' : 'IPv6';
  const alone = coveredFamilies(parseZoneRanges(fields.ranges, { force: true }).ranges);
  return new AppError(
    422,
    'covers_everything',
    (alone.ipv4 || alone.ipv6
      ? `Together, this zone's ranges cover every ${family} address`
      : `Together with the other enabled zones, this zone covers every ${family} address`) +
      ': it would switch the second factor off for everyone. Confirm that this zone may cover ' +
      'every address (force) to save it anyway.',
    { family, withOtherZones: !(alone.ipv4 || alone.ipv6) },
  );
}

/**
 * Judges the zones as the matcher would hold them after `change` (the stored order kept): the
 * administrator guard, then the actor's own session (own-session.ts).
 */
async function guardZonesAfter(
  db: Database,
  clock: Clock,
  who: { actor: DomainActor; own: OwnSession | undefined },
  change: (zones: ZoneRecord[]) => Pick<ZoneRecord, 'name' | 'ranges' | 'enabled' | 'force'>[],
): Promise<void> {
  const zones = change(await listZones(db)).map(({ name, ranges, enabled, force }) => ({
    name,
    ranges,
    enabled,
    force,
  }));
  await guardAdminsWayIn(db, clock, { zones });
  await guardOwnSession(who.actor, who.own, { zones });
}

/** The writes of a zone created, changed or deleted, each with its audit entry (no counter). */
const created = (fields: ZoneFields, at: number, actor: DomainActor): Statement[] => [
  insertZoneStatement(fields, at, actor.username),
  auditStatement(at, {
    ...auditActor(actor),
    action: 'zone.create',
    zone: fields.name,
    outcome: 'changed',
    details: { before: null, after: fields },
  }),
];

function changed(before: ZoneRecord, fields: ZoneFields, at: number, actor: DomainActor) {
  const { id: _id, createdAt: _c, updatedAt: _u, updatedBy: _b, ...beforeFields } = before;
  return [
    updateZoneStatement(before.id, fields, at, actor.username),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'zone.update',
      zone: fields.name,
      outcome: 'changed',
      details: { before: beforeFields, after: fields },
    }),
  ];
}

const deleted = (before: ZoneRecord, at: number, actor: DomainActor): Statement[] => [
  deleteZoneStatement(before.id),
  auditStatement(at, {
    ...auditActor(actor),
    action: 'zone.delete',
    zone: before.name,
    outcome: 'changed',
    details: { before, after: null },
  }),
];

/**
 * Creates a zone (administrators only); 409 `admin_locked_out` (see the module comment), judged
 * and written atomically (policy-save.ts). `own`: the acting administrator's request, whose session
 * the change may not end unconfirmed (absent for the command line).
 */
export async function createZone(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  input: ZoneInput,
  own?: OwnSession,
): Promise<ZoneView> {
  requireAdmin(actor);
  const force = input.force ?? false;
  const fields: ZoneFields = {
    name: checkName(input.name),
    ranges: checkRanges(input.ranges, force),
    enabled: input.enabled ?? true,
    force,
    note: checkNote(input.note ?? ''),
  };
  await savePolicy(db, async (unchanged) => {
    if (await findZoneByName(db, fields.name)) throw zoneNameTaken(fields.name);
    await checkUnionCoverage(db, fields, null);
    await guardZonesAfter(db, clock, { actor, own }, (zs) => [...zs, fields]);
    const at = clock.now();
    await applyChange(db, [unchanged, ...created(fields, at, actor), bumpZonesVersionStatement()]);
  });
  const made = await findZoneByName(db, fields.name);
  if (!made) throw zoneNotFound();
  return viewZone(made);
}

async function loadZone(db: Database, id: number): Promise<ZoneRecord> {
  const zone = Number.isSafeInteger(id) && id > 0 ? await findZoneById(db, id) : null;
  if (!zone) throw zoneNotFound();
  return zone;
}

/** Changes some of a zone's fields (administrators only; `own` as for `createZone`). */
export async function updateZone(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  zoneId: number,
  patch: Partial<ZoneInput>,
  own?: OwnSession,
): Promise<ZoneView> {
  requireAdmin(actor);
  await savePolicy(db, async (unchanged) => {
    const before = await loadZone(db, zoneId);
    const force = patch.force ?? before.force;
    const fields: ZoneFields = {
      name: patch.name === undefined ? before.name : checkName(patch.name),
      ranges:
        patch.ranges === undefined && patch.force === undefined
          ? before.ranges
          : checkRanges(patch.ranges ?? before.ranges, force),
      enabled: patch.enabled ?? before.enabled,
      force,
      note: patch.note === undefined ? before.note : checkNote(patch.note),
    };
    const other = await findZoneByName(db, fields.name);
    if (other && other.id !== before.id) throw zoneNameTaken(fields.name);
    await checkUnionCoverage(db, fields, before.id);
    await guardZonesAfter(db, clock, { actor, own }, (zs) =>
      zs.map((z) => (z.id === before.id ? fields : z)),
    );
    const at = clock.now();
    await applyChange(db, [
      unchanged,
      ...changed(before, fields, at, actor),
      bumpZonesVersionStatement(),
    ]);
  });
  return viewZone(await loadZone(db, zoneId));
}

/** Deletes a zone (administrators only; `own` as for `createZone`). */
export async function deleteZone(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  zoneId: number,
  own?: OwnSession,
): Promise<void> {
  requireAdmin(actor);
  await savePolicy(db, async (unchanged) => {
    const before = await loadZone(db, zoneId);
    await guardZonesAfter(db, clock, { actor, own }, (zs) => zs.filter((z) => z.id !== before.id));
    const at = clock.now();
    await applyChange(db, [unchanged, ...deleted(before, at, actor), bumpZonesVersionStatement()]);
  });
}

/**
 * The writes that make the zones `drafted` (a draft's every zone, in order; matched to the live
 * ones by name), for a draft applied in one batch: zones missing from it deleted, changed ones
 * updated (their notes kept), new ones added after the others — each audited as any zone change —
 * and the zones counter moved once. Nothing when nothing changes. Each zone is checked as a save
 * checks it (422 as `createZone`), its coverage beside the other zones as they will be. The
 * administrator guard is the caller's (the draft's impact preview).
 */
export async function planZoneSet(
  db: Database,
  actor: DomainActor,
  drafted: readonly ZoneDefinition[],
  at: number,
): Promise<Statement[]> {
  requireAdmin(actor);
  const live = await listZones(db);
  const key = zoneNameKey;
  const writes: Statement[] = live
    .filter((l) => !drafted.some((z) => key(z.name) === key(l.name)))
    .flatMap((l) => deleted(l, at, actor));
  const after: { fields: ZoneFields; moved: boolean }[] = [];
  for (const z of drafted) {
    const was = live.find((l) => key(l.name) === key(z.name));
    const force = z.force ?? false;
    const fields: ZoneFields = {
      name: checkName(z.name),
      ranges: checkRanges(z.ranges, force),
      enabled: z.enabled ?? true,
      force,
      note: was?.note ?? '',
    };
    const moved =
      !was ||
      was.enabled !== fields.enabled ||
      was.force !== fields.force ||
      was.ranges.join('\n') !== fields.ranges.join('\n');
    if (!was) writes.push(...created(fields, at, actor));
    else if (moved) writes.push(...changed(was, { ...fields, name: was.name }, at, actor));
    after.push({ fields, moved });
  }
  for (const [i, z] of after.entries()) {
    if (!z.moved || z.fields.force || !z.fields.enabled) continue;
    const others = after.filter((o, j) => j !== i && o.fields.enabled).map((o) => o.fields);
    const refusal = unionCoverageRefusal(others, z.fields);
    if (refusal) throw refusal;
  }
  return writes.length > 0 ? [...writes, bumpZonesVersionStatement()] : [];
}
