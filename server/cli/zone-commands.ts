/**
 * `ipsafezone zone …`: add, list and remove safe zones, through the same domain functions as the
 * admin API (so a bad range is refused with the same message, pointing at the range).
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { zoneNotFound } from '../domain/errors.js';
import { checkRanges, createZone, deleteZone, viewZone } from '../domain/zones-service.js';
import { findZoneByName, listZones } from '../store/zones.js';
import { table, UsageError, type CliIo } from './io.js';
import { liveZoneDefinitions, previewDays, printPreview } from './preview-output.js';

export const ZONE_HELP = `Usage: ipsafezone zone <command>

  zone add --name NAME --range "10.0.0.0 – 10.0.0.255" [--range …] [--force] [--note TEXT] [--disabled]
                      add a safe zone; ranges: A.B.C.D – E.F.G.H (en dash or hyphen), CIDR
                      (10.0.0.0/8, 2001:db8::/32), or a single address. --force accepts ranges
                      that cover everything (0.0.0.0/0, ::/0).
  zone list [--json]  list the zones
  zone remove NAME    delete a zone

  --preview [--days N]  with add or remove: what the change would have done to the last N
                      (default 30) days of sign-ins; changes nothing`;

/** Runs one `zone` sub-command. */
export async function zoneCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          range: { type: 'string', multiple: true },
          force: { type: 'boolean' },
          note: { type: 'string' },
          disabled: { type: 'boolean' },
          preview: { type: 'boolean' },
          days: { type: 'string' },
        },
      });
      if (!values.name) throw new UsageError('zone add needs --name NAME', ZONE_HELP);
      if (!values.range?.length)
        throw new UsageError('zone add needs at least one --range', ZONE_HELP);
      if (values.preview) {
        const zones = [
          ...(await liveZoneDefinitions(db)),
          {
            name: values.name,
            ranges: checkRanges(values.range, values.force ?? false),
            enabled: !values.disabled,
            force: values.force ?? false,
          },
        ];
        await printPreview(db, clock, io, { zones }, previewDays(values.days, ZONE_HELP));
        return;
      }
      const zone = await createZone(db, clock, CLI_ACTOR, {
        name: values.name,
        ranges: values.range,
        force: values.force ?? false,
        note: values.note ?? '',
        enabled: !values.disabled,
      });
      io.out(
        `Added zone ${zone.name} (${zone.ranges.length} range(s), ${zone.addressCount} addresses).`,
      );
      for (const w of zone.warnings) io.err(`warning: ${w}`);
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const zones = (await listZones(db)).map(viewZone);
      if (values.json) {
        io.out(JSON.stringify(zones));
        return;
      }
      if (zones.length === 0) {
        io.out('No zones.');
        return;
      }
      for (const line of table(
        ['NAME', 'ENABLED', 'ADDRESSES', 'RANGES'],
        zones.map((z) => [z.name, z.enabled ? 'yes' : 'no', z.addressCount, z.ranges.join(', ')]),
      ))
        io.out(line);
      return;
    }
    case 'remove': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { preview: { type: 'boolean' }, days: { type: 'string' } },
      });
      const [name] = positionals;
      if (!name) throw new UsageError('zone remove needs NAME', ZONE_HELP);
      const zone = await findZoneByName(db, name);
      if (!zone) throw zoneNotFound();
      if (values.preview) {
        const zones = (await liveZoneDefinitions(db)).filter((z) => z.name !== zone.name);
        await printPreview(db, clock, io, { zones }, previewDays(values.days, ZONE_HELP));
        return;
      }
      await deleteZone(db, clock, CLI_ACTOR, zone.id);
      io.out(`Removed zone ${zone.name}.`);
      return;
    }
    default:
      throw new UsageError(
        sub ? `unknown command "zone ${sub}"` : 'name a zone command',
        ZONE_HELP,
      );
  }
}
