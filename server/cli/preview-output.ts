/**
 * `--preview` for the commands that move the policy (`zone add|remove`, `settings set`, and
 * `ipsafezone preview` for a list of trusted proxies): runs the impact preview of issue 27
 * (server/domain/policy-preview.ts) on the draft the command would save, prints the summary, and
 * changes nothing. The live trusted proxies and header are read from this process's environment,
 * as the server reads them.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { readClientAddressConfig } from '../client-address/index.js';
import { previewPolicy, type PolicyDraft, type PolicyPreview } from '../domain/policy-preview.js';
import { listZones } from '../store/zones.js';
import type { ZoneDefinition } from '../zones/index.js';
import { parseArgs } from 'node:util';
import { table, UsageError, type CliIo } from './io.js';

/** Users and addresses printed at most. */
const SHOWN = 20;

const CHANGE_WORDS = {
  stopped: 'stopped: no usable second factor',
  needs_second_factor: 'would need a second factor',
  no_longer_needs: 'would no longer need one',
} as const;

/** The zones as they are, as definitions (for a draft that adds or removes one). */
export async function liveZoneDefinitions(db: Database): Promise<ZoneDefinition[]> {
  return (await listZones(db)).map((z) => ({
    name: z.name,
    ranges: z.ranges,
    enabled: z.enabled,
    force: z.force,
  }));
}

/** `--days N` as given to a command (default 30). */
export function previewDays(value: string | undefined, help: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--days takes a whole number of days, got "${value}"`, help);
  return n;
}

/** Runs the preview of `draft` and prints it. */
export async function printPreview(
  db: Database,
  clock: Clock,
  io: CliIo,
  draft: PolicyDraft,
  days?: number,
): Promise<PolicyPreview> {
  const clientAddress = readClientAddressConfig(io.env);
  const p = await previewPolicy({ db, clock, clientAddress }, draft, { days });
  for (const line of previewLines(p)) io.out(line);
  return p;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary as lines of text. */
export function previewLines(p: PolicyPreview): string[] {
  const out: string[] = [];
  const what = p.changes.length ? p.changes.join('; ') : 'no change';
  out.push(`Preview of: ${what}. Nothing was changed.`);
  out.push(
    `Replayed ${p.signIns.replayed} sign-ins and forward-auth grants of the last ${p.period.days} days (${p.period.from.slice(0, 10)} to ${p.period.to.slice(0, 10)}).`,
  );
  for (const change of ['needs_second_factor', 'stopped', 'no_longer_needs'] as const) {
    const t = p.totals[change];
    out.push(
      `  ${CHANGE_WORDS[change]}: ${count(t.signIns, 'sign-in')}, ${count(t.users, 'user')}`,
    );
  }
  if (p.users.length > 0) {
    out.push('');
    out.push(
      ...table(
        ['USER', 'ROLE', 'CHANGE', 'SIGN-INS', 'ADDRESSES', 'USABLE FACTORS'],
        p.users
          .slice(0, SHOWN)
          .map((u) => [
            u.username,
            u.deleted ? '(deleted)' : `${u.role ?? ''}${u.disabled ? ', disabled' : ''}`,
            CHANGE_WORDS[u.change],
            String(u.signIns),
            u.addresses.join(', '),
            u.usable.join(', ') || '-',
          ]),
      ),
    );
    if (p.usersTotal > SHOWN) out.push(`… and ${p.usersTotal - SHOWN} more users`);
    out.push('');
    out.push(
      ...table(
        ['ADDRESS', 'ZONE NOW', 'ZONE THEN', 'CHANGE', 'SIGN-INS', 'USERS'],
        p.addresses
          .slice(0, SHOWN)
          .map((a) => [
            a.address ?? '(unknown)',
            a.zoneLive ?? '-',
            a.zoneDraft ?? '-',
            CHANGE_WORDS[a.change],
            String(a.signIns),
            String(a.users),
          ]),
      ),
    );
    if (p.addressesTotal > SHOWN) out.push(`… and ${p.addressesTotal - SHOWN} more addresses`);
    const busy = p.days.filter((d) => d.needsSecondFactor + d.noLongerNeeds > 0);
    out.push('');
    out.push(
      ...table(
        ['DAY', 'WOULD NEED', 'NO LONGER'],
        busy.map((d) => [d.day, String(d.needsSecondFactor), String(d.noLongerNeeds)]),
      ),
    );
  }
  out.push('');
  out.push(
    p.saveAllowed
      ? 'Saving this change would be allowed.'
      : `Saving this change would be refused: ${p.refusal!.message} [${p.refusal!.code}]`,
  );
  out.push('What the preview cannot know:');
  for (const u of p.unknowns) out.push(`  - ${u}`);
  return out;
}

export const PREVIEW_HELP = `Usage: ipsafezone preview --trusted-proxies LIST [--days N]

  What another IPSAFEZONE_TRUSTED_PROXIES (addresses and CIDRs, comma-separated; "" for none)
  would have done to the last N (default 30) days of sign-ins, replaying each one's socket peer
  and forwarding header. Changes nothing. For zones and settings, add --preview to
  "zone add|remove" and "settings set".`;

/** \`ipsafezone preview --trusted-proxies LIST\`. */
export async function previewCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'trusted-proxies': { type: 'string' }, days: { type: 'string' } },
  });
  const list = values['trusted-proxies'];
  if (list === undefined)
    throw new UsageError('preview needs --trusted-proxies LIST', PREVIEW_HELP);
  const trustedProxies = list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // The same check the server makes at start-up (a bad entry is refused with its message).
  readClientAddressConfig({ ...io.env, IPSAFEZONE_TRUSTED_PROXIES: trustedProxies.join(',') });
  await printPreview(db, clock, io, { trustedProxies }, previewDays(values.days, PREVIEW_HELP));
}
