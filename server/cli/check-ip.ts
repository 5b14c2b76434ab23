/**
 * `ipsafezone check-ip ADDRESS [--user NAME]`: which zone matches and what a login from there needs,
 * and why — the same matcher and policy as the login flow (like Authelia's `check-policy`).
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { explainAddress } from '../domain/explain.js';
import { createZoneMatcherSource } from '../domain/zone-matcher-source.js';
import { UsageError, type CliIo } from './io.js';

export const CHECK_IP_HELP = `Usage: ipsafezone check-ip ADDRESS [--user NAME] [--json]

  Says which zone ADDRESS falls in, what a login from there needs (password; 2fa = a SecSign ID
  or passkey alone, or the password with a second factor; 2sa = the password, then a second
  factor) and why. With --user, also whether that user could
  finish such a login.`;

const MODES = {
  password: 'password',
  '2fa': 'a second factor (2fa)',
  '2sa': 'the password, then a second factor (2sa)',
} as const;

/** Runs `check-ip`. */
export async function checkIpCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { user: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [address] = positionals;
  if (!address || positionals.length > 1) throw new UsageError('name one address', CHECK_IP_HELP);
  const x = await explainAddress(db, createZoneMatcherSource(db, clock), address, values.user);
  if (values.json) {
    io.out(JSON.stringify(x));
    return;
  }
  io.out(`address  ${x.address ?? `${x.input} (not an IP address: treated as outside)`}`);
  io.out(`zone     ${x.zone ?? 'none'}`);
  io.out(`needs    ${MODES[x.mode]}`);
  io.out(`reason   ${x.reason}`);
  if (x.user) io.out(`user     ${x.user.username}: ${x.user.note}`);
}
