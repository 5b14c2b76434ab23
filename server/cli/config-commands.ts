/**
 * `ipsafezone config check`: reads the environment through the server's one schema
 * (server/config/env-schema.ts) and prints the effective configuration — secrets masked — and then every
 * problem at once, instead of the first one that would stop `npm start`. Exit status 1 when there
 * is a problem. Needs no database.
 */
import { localFilePath, maskedUrl } from '../db/open.js';
import { permissionWarnings } from '../db/file-permissions.js';
import { parseEnvironment, settingsFrom } from '../config/load.js';
import { ENV_VARIABLES, SECRET_VARIABLES } from '../config/env-schema.js';
import { UsageError, type CliIo } from './io.js';
import type { SecSignApiMode } from '../config/settings.js';

export const CONFIG_HELP = `Usage: ipsafezone config check

  config check    print the effective configuration from the environment (secrets masked) and
                  every problem with it; exit status 1 when there is one`;

/** Returned by `configCommand` when problems were found (the dispatcher exits 1). */
export class ConfigProblems extends Error {
  constructor(readonly count: number) {
    super(`${count} configuration ${count === 1 ? 'problem' : 'problems'}`);
    this.name = 'ConfigProblems';
  }
}

function shown(name: string, raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return '(not set: default)';
  if (SECRET_VARIABLES.has(name)) return `******** (${raw.trim().length} characters)`;
  // A database URL may carry a password (postgres://user:password@host/db).
  return name === 'DATABASE_URL' ? maskedUrl(raw.trim()) : raw.trim();
}

/** Which SecSign ID API the setting means, and why (the running server's choice: /readyz). */
function secsignApiLine(mode: SecSignApiMode): string {
  if (mode === 'form') return 'form protocol (SECSIGN_API=form)';
  if (mode === 'rest')
    return 'REST v2 (SECSIGN_API=rest; needs a PIN account: ipsafezone secsign account)';
  return (
    'auto (default): REST v2 where the ID server answers ServerInfo with the stored PIN account, ' +
    'else the form protocol; decided at start-up and after a failure — /readyz and ' +
    '"ipsafezone secsign status" show the decision'
  );
}

export function configCommand(io: CliIo, args: string[]): void {
  const [sub] = args;
  if (sub !== 'check')
    throw new UsageError(
      sub ? `unknown command "config ${sub}"` : 'name a config command',
      CONFIG_HELP,
    );
  const env = io.env;
  const width = Math.max(...ENV_VARIABLES.map((n) => n.length));
  io.out('Environment:');
  for (const name of ENV_VARIABLES) io.out(`  ${name.padEnd(width)}  ${shown(name, env[name])}`);
  const r = parseEnvironment(env);
  if (!r.ok) {
    io.err(`\n${r.problems.length} ${r.problems.length === 1 ? 'problem' : 'problems'}:`);
    for (const p of r.problems) io.err(`  ${p.message}`);
    throw new ConfigProblems(r.problems.length);
  }
  const s = settingsFrom(r.values);
  const mask = (v: string | undefined) => (v ? '********' : '(none)');
  io.out('\nEffective configuration:');
  const lines: [string, string][] = [
    ['listen', s.hosts.map((h) => `${h.includes(':') ? `[${h}]` : h}:${s.port}`).join(', ')],
    ['database', maskedUrl(s.databaseUrl)],
    ['database token', mask(s.databaseAuthToken)],
    ['public login page', s.app.loginUrl],
    ['SecSign ID servers', s.app.secsignServers.join(', ') || '(embedded)'],
    ['SecSign ID API', secsignApiLine(s.secsignApi)],
    [
      'trusted proxies',
      r.values.IPSAFEZONE_TRUSTED_PROXIES.join(', ') || '(none: the socket peer is the client)',
    ],
    ['client address header', r.values.IPSAFEZONE_CLIENT_IP_HEADER ?? 'x-forwarded-for'],
    ['allowed origins', s.app.allowedOrigins.join(', ') || '(none)'],
    ['return hosts', s.app.returnHosts.join(', ') || '(none)'],
    ['cookie Secure', String(s.app.cookieSecure)],
    [
      'sessions',
      `idle ${s.app.sessionIdleMs / 60_000} min, at most ${s.app.sessionMaxMs / 3_600_000} h`,
    ],
    ['factor changes need a sign-in within', `${s.app.reauthMs / 60_000} min`],
    ['lock-out', `${s.app.lockoutMs / 1000} s`],
    ['admin bootstrap token', mask(s.app.adminBootstrapToken)],
    ['secret key', mask(s.app.secretKey)],
    ['log level', s.ops.logLevel],
    ['database busy wait', `${s.ops.busyWaitMs} ms`],
    [
      'request / headers time-out',
      `${s.ops.requestTimeoutMs / 1000} s / ${s.ops.headersTimeoutMs / 1000} s`,
    ],
    ['shutdown grace', `${s.ops.shutdownGraceMs / 1000} s`],
    [
      'metrics',
      s.ops.metricsToken || s.ops.metricsAllow.length
        ? `token ${mask(s.ops.metricsToken)}, addresses ${s.ops.metricsAllow.join(', ') || '(none)'}`
        : 'off (/metrics answers 404)',
    ],
    [
      'audit retention',
      s.ops.auditRetentionDays > 0 ? `${s.ops.auditRetentionDays} days` : 'kept for ever',
    ],
  ];
  const w = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) io.out(`  ${k.padEnd(w)}  ${v}`);
  const file = localFilePath(s.databaseUrl);
  const warnings = file === null ? [] : permissionWarnings(file);
  if (warnings.length) {
    io.out('\nWarnings:');
    for (const warning of warnings) io.out(`  ${warning}`);
  }
  io.out('\nNo problems found.');
}
