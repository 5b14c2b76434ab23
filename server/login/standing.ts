/**
 * "Where does this request stand?" — the one place where the client address, the zones and the
 * settings meet the pure policy. Every way in (the zone answer, each login step, forward-auth, the
 * session check behind the admin API) asks this, so no door can decide differently. Computed at
 * most once per request and kept on the context.
 *
 * Fail closed: if the zones cannot be read or compiled, the matcher matches nothing (everyone is
 * outside); the settings are held in memory and re-read when their counter moves; if they were
 * never read, the database is down and nobody signs in (503).
 */
import type { Client } from '@libsql/client';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { decideLogin, type LoginMode } from '../policy/index.js';
import { appendAudit } from '../store/audit.js';
import type { Clock } from '../clock.js';
import type { ResolvedClientAddress } from '../client-address/types.js';
import type { ZoneMatcherSource } from '../domain/zone-matcher-source.js';
import type { SettingsSource } from '../domain/settings-source.js';
import type { Factors } from './sessions.js';

export interface Standing {
  clientIp: string | null;
  /** How the client address was found (peer, proxies, header hop). */
  clientReason: string;
  inside: boolean;
  zone: string | null;
  active: boolean;
  twoStep: boolean;
  mode: LoginMode;
  /** Why this mode, in a sentence (for the audit log and the admin page). */
  reason: string;
  /** True when the zones could not be loaded and everyone is treated as outside. */
  zonesFailed: boolean;
}

export interface StandingDeps {
  db: Client;
  zones: ZoneMatcherSource;
  /** The settings held in memory (domain/settings-source.ts). */
  settings: SettingsSource;
}

export async function computeStanding(
  deps: StandingDeps,
  client: ResolvedClientAddress,
): Promise<Standing> {
  let settings;
  try {
    settings = (await deps.settings.get()).settings;
  } catch (err) {
    console.error('Settings could not be read:', err);
    throw new AppError(
      503,
      'service_unavailable',
      'Sign-in is unavailable right now. Please try again in a few minutes.',
    );
  }
  const { matcher, failed } = await deps.zones.get();
  // A forwarding chain cut short by a malformed or obfuscated hop leaves a trusted proxy as the
  // client: when in doubt, outside.
  const doubtful = client.ip === null || client.stoppedBy !== undefined;
  const match = doubtful
    ? { inside: false, zone: null, address: client.ip }
    : matcher.match(client.ip!);
  const decision = decideLogin({
    active: settings.ipSafeZoneActive,
    twoStep: settings.twoStepActive,
    match,
  });
  return {
    clientIp: client.ip,
    clientReason: client.reason,
    inside: match.inside,
    zone: match.zone,
    active: settings.ipSafeZoneActive,
    twoStep: settings.twoStepActive,
    mode: decision.mode,
    reason: failed
      ? `${decision.reason} (zones could not be loaded: everyone is treated as outside)`
      : client.stoppedBy
        ? `${decision.reason} (forwarding chain cut short: ${client.stoppedBy}; treated as outside)`
        : decision.reason,
    zonesFailed: failed,
  };
}

/** The standing of the current request, computed once and cached on the context. */
export async function standingOf(c: Context<AppEnv>, deps: StandingDeps): Promise<Standing> {
  const cached = c.get('standing');
  if (cached) return cached;
  const s = await computeStanding(deps, c.var.client);
  c.set('standing', s);
  return s;
}

/** Whether factors proven at sign-in are enough for what the current address needs. */
export function factorsSatisfy(mode: LoginMode, factors: Factors): boolean {
  switch (mode) {
    case 'password':
      return true;
    case '2fa':
      return factors === 'secsign' || factors === 'password+secsign';
    case '2sa':
      return factors === 'password+secsign';
    default:
      return false;
  }
}

/**
 * Writes one decision to the audit log with where the request stood: the client address and how
 * it was found, the zone, what was required and why. Every login door audits through this.
 */
export async function auditDecision(
  db: Client,
  clock: Clock,
  standing: Standing,
  entry: {
    action: string;
    actor: string | null;
    username?: string | null;
    outcome: string;
    details?: object;
  },
): Promise<void> {
  await appendAudit(db, clock, {
    actor: entry.actor,
    action: entry.action,
    username: entry.username ?? null,
    clientIp: standing.clientIp,
    clientReason: standing.clientReason,
    zone: standing.zone,
    required: standing.mode,
    outcome: entry.outcome,
    details: { reason: standing.reason, ...entry.details },
  });
}
