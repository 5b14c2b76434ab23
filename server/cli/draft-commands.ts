/**
 * `ipsafezone draft …`: report-only mode from the command line (issue 27 §3), through the same
 * domain functions as the admin API (server/domain/policy-draft.ts). `start` builds the draft from
 * the live zones and settings and the changes given as options; `show` prints what it would have
 * decided so far; `apply` prints the impact preview it was applied after; `discard` ends it. The
 * running server notices a draft started or ended here within a second.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { checkRanges } from '../domain/zones-service.js';
import {
  MAX_DRAFT_DAYS,
  applyDraft,
  discardDraft,
  showDraft,
  startDraft,
  type DraftView,
} from '../domain/policy-draft.js';
import type { DraftPolicy } from '../domain/policy-draft-source.js';
import { readClientAddressConfig } from '../client-address/index.js';
import { factorSet } from '../factors/proof.js';
import { SECOND_FACTOR_NAMES, isFactorName } from '../factors/registry.js';
import { zoneNameKey } from '../store/zones.js';
import { onOff, table, UsageError, type CliIo } from './io.js';
import { liveZoneDefinitions, previewLines } from './preview-output.js';

export const DRAFT_HELP = `Usage: ipsafezone draft <command>

  draft start --days N [changes…]   run a draft of the policy in report-only mode for N days
                                    (1 to ${MAX_DRAFT_DAYS}): the live policy still decides; beside every
                                    sign-in and grant the draft's decision is recorded
      --zone-add NAME=RANGE[,RANGE…]  a zone added (or one of that name replaced); repeatable
      --zone-remove NAME            a zone removed; repeatable
      --ipsafezone on|off           IPSafeZone on or off
      --2sa on|off                  two-step authentication on or off
      --outside-factors F[+F…]      the second factors that count outside
      --trusted-proxies LIST        other trusted proxies (comma-separated)
  draft show [--json]               the running draft (or the last one): per day, live against
                                    draft, and the users it would have treated differently
  draft apply ID                    apply the running draft ID (prints the impact preview; refused
                                    as a save would be, e.g. when an administrator would be locked out)
  draft discard ID                  end the running draft ID; the live policy stays

Only one draft runs at a time; it ends by itself after its days.`;

function draftPolicyOf(
  values: {
    'zone-add'?: string[];
    'zone-remove'?: string[];
    ipsafezone?: string;
    '2sa'?: string;
    'outside-factors'?: string;
    'trusted-proxies'?: string;
  },
  live: NonNullable<DraftPolicy['zones']>,
): DraftPolicy {
  const policy: DraftPolicy = {};
  if (values['zone-add']?.length || values['zone-remove']?.length) {
    let zones = live;
    for (const name of values['zone-remove'] ?? []) {
      if (!zones.some((z) => zoneNameKey(z.name) === zoneNameKey(name)))
        throw new UsageError(`--zone-remove: there is no zone "${name}"`, DRAFT_HELP);
      zones = zones.filter((z) => zoneNameKey(z.name) !== zoneNameKey(name));
    }
    for (const spec of values['zone-add'] ?? []) {
      const at = spec.indexOf('=');
      if (at < 1) throw new UsageError(`--zone-add takes NAME=RANGE[,RANGE…], got "${spec}"`);
      const name = spec.slice(0, at).trim();
      const ranges = checkRanges(spec.slice(at + 1).split(','), false);
      const zone = { name, ranges, enabled: true, force: false };
      const i = zones.findIndex((z) => zoneNameKey(z.name) === zoneNameKey(name));
      zones = i < 0 ? [...zones, zone] : zones.map((z, j) => (j === i ? zone : z));
    }
    policy.zones = zones;
  }
  if (values.ipsafezone !== undefined)
    policy.ipSafeZoneActive = onOff(values.ipsafezone, DRAFT_HELP);
  if (values['2sa'] !== undefined) policy.twoStepActive = onOff(values['2sa'], DRAFT_HELP);
  if (values['outside-factors'] !== undefined) {
    const names = values['outside-factors'].split('+').map((n) => n.trim().toLowerCase());
    const bad = names.filter((n) => !(SECOND_FACTOR_NAMES as readonly string[]).includes(n));
    if (bad.length)
      throw new UsageError(
        `--outside-factors takes names joined by +, of ${SECOND_FACTOR_NAMES.join(', ')}`,
        DRAFT_HELP,
      );
    policy.outsideFactors = factorSet(...names.filter(isFactorName));
  }
  if (values['trusted-proxies'] !== undefined)
    policy.trustedProxies = values['trusted-proxies']
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  return policy;
}

/** The overview as lines of text. */
export function draftLines(d: DraftView): string[] {
  const out = [
    `Draft ${d.id} (${d.status}): ${d.changes.join('; ')}`,
    `Started ${d.startedAt} by ${d.startedBy}; ${d.status === 'running' ? 'ends' : 'ran until'} ${d.endedAt ?? d.endsAt} (${d.days} days).`,
    `Sign-ins and grants recorded: ${d.totals.signIns}. Live asked a second factor of ${d.totals.liveSecond}; the draft would have of ${d.totals.draftSecond}.`,
    `  would have asked for a second factor where the live policy did not: ${d.totals.needsMore}`,
    `  would have let a password do (or asked less): ${d.totals.needsLess}`,
    '',
    ...table(
      ['DAY', 'SIGN-INS', 'LIVE 2ND', 'DRAFT 2ND', 'DRAFT PASSWORD', 'MORE', 'LESS'],
      d.perDay.map((p) => [
        p.day,
        String(p.signIns),
        String(p.liveSecond),
        String(p.draftSecond),
        String(p.signIns - p.draftSecond),
        String(p.needsMore),
        String(p.needsLess),
      ]),
    ),
  ];
  if (d.users.length > 0) {
    out.push('');
    out.push(
      ...table(
        ['USER', 'SIGN-INS', 'MORE', 'LESS'],
        d.users.map((u) => [
          u.username,
          String(u.signIns),
          String(u.needsMore),
          String(u.needsLess),
        ]),
      ),
    );
    if (d.usersTotal > d.users.length)
      out.push(`… and ${d.usersTotal - d.users.length} more users`);
  }
  return out;
}

function draftIdOf(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1)
    throw new UsageError('give the draft\'s number (see "ipsafezone draft show")', DRAFT_HELP);
  return id;
}

/** Runs one `draft` sub-command. */
export async function draftCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  const deps = { db, clock, clientAddress: readClientAddressConfig(io.env) };
  switch (sub) {
    case 'start': {
      const { values } = parseArgs({
        args: rest,
        options: {
          days: { type: 'string' },
          'zone-add': { type: 'string', multiple: true },
          'zone-remove': { type: 'string', multiple: true },
          ipsafezone: { type: 'string' },
          '2sa': { type: 'string' },
          'outside-factors': { type: 'string' },
          'trusted-proxies': { type: 'string' },
        },
      });
      if (values.days === undefined || !/^\d+$/.test(values.days))
        throw new UsageError('draft start needs --days N (whole days)', DRAFT_HELP);
      const policy = draftPolicyOf(values, await liveZoneDefinitions(db));
      const draft = await startDraft(deps, CLI_ACTOR, policy, Number(values.days));
      io.out(
        `Draft ${draft.id} runs in report-only mode until ${draft.endsAt}: ${draft.changes.join('; ')}.`,
      );
      return;
    }
    case 'show': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const draft = await showDraft(db, clock);
      if (values.json) io.out(JSON.stringify({ draft }, null, 2));
      else if (!draft) io.out('No policy draft has run yet.');
      else for (const line of draftLines(draft)) io.out(line);
      return;
    }
    case 'apply': {
      const applied = await applyDraft(deps, CLI_ACTOR, draftIdOf(rest[0]));
      for (const line of previewLines(applied.preview).slice(1)) io.out(line);
      io.out(`Applied draft ${applied.draft.id}: ${applied.draft.changes.join('; ')}.`);
      if (applied.trustedProxies !== null)
        io.out(
          `The trusted proxies are configuration: set IPSAFEZONE_TRUSTED_PROXIES=${applied.trustedProxies} and restart the server.`,
        );
      return;
    }
    case 'discard': {
      const draft = await discardDraft(db, clock, CLI_ACTOR, draftIdOf(rest[0]));
      io.out(`Discarded draft ${draft.id}; the live policy is unchanged.`);
      return;
    }
    default:
      throw new UsageError(`unknown draft command "${sub ?? ''}"`, DRAFT_HELP);
  }
}
