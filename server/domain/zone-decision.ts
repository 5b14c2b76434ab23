/**
 * "Where does this request stand?" — the one place where the client address, the zones and the
 * settings meet the pure policy. Every way in (the zone answer, each login step, forward-auth, the
 * session check behind the admin API, the OIDC provider) and the administrator's "explain" ask
 * this one composition, so no door can decide differently. The HTTP layer caches it per request
 * (`server/http/zone-decision-of.ts`).
 *
 * Fail closed: if the zones cannot be read or compiled, the matcher matches nothing (everyone is
 * outside); the settings are held in memory and re-read when their counter moves; if they were
 * never read, the database is down and nobody signs in (503).
 */
import type { Database } from '../db/database.js';
import { AppError } from '../platform/errors.js';
import { decideLogin, type LoginMode, type Requirement } from '../policy/index.js';
import type { FactorSet } from '../factors/proof.js';
import { proofCounts } from '../policy/proof-counts.js';
import type { Settings } from '../store/settings.js';
import type { EnrolmentCampaign } from '../store/enrolment-campaign.js';
import type { ZoneMatcherSource } from './zone-matcher-source.js';
import type { SettingsSource } from './settings-source.js';

export interface ZoneDecision {
  clientIp: string | null;
  /** How the client address was found (peer, proxies, header hop). */
  clientReason: string;
  inside: boolean;
  zone: string | null;
  active: boolean;
  twoStep: boolean;
  /** What a login must prove from here. */
  requirement: Requirement;
  /** The requirement's wire name (`GET /api/zone`'s `mode`: `password`, `2fa`, `2sa`). */
  mode: LoginMode;
  /** Why, in a sentence (for the audit log and the admin page). */
  reason: string;
  /** True when the zones could not be loaded and everyone is treated as outside. */
  zonesFailed: boolean;
  /** The second factors the policy lets count outside (settings.outside_factors). */
  outsideFactors: FactorSet;
  /**
   * What a replay of this decision needs beside the address (the policy preview, issue 27): whether
   * the address was doubtful (unknown, or a forwarding chain cut short: outside whatever the
   * zones), the socket peer and the forwarding header as received (null for an address an
   * administrator typed).
   */
  replay?: { doubtful: boolean; peer: string | null; forwarded: string | null };
  /**
   * The enrolment campaign as held with the settings (a sign-in asks it without a query); absent
   * for a decision on settings given by the caller — whoever needs it then reads the database.
   */
  campaign?: EnrolmentCampaign;
}

export interface ZoneDecisionDeps {
  db: Database;
  zones: ZoneMatcherSource;
  /** The settings held in memory (domain/settings-source.ts). */
  settings: SettingsSource;
}

/** Where a client address stands: the resolved request address, or one an administrator typed. */
export interface AddressInput {
  /** The address, or null when unknown. An unparseable string is outside. */
  ip: string | null;
  /** How the address was found. */
  reason: string;
  /** Set when a forwarding chain was cut short: treated as outside. */
  stoppedBy?: string | undefined;
  /** The socket peer (canonical), when the address was resolved from a request. */
  peer?: string | undefined;
  /** The forwarding header's value as received (its right end), when there was one. */
  forwarded?: string | undefined;
}

/**
 * Where `client` stands. `settings` (optional) asks "and after this change of the settings?", so
 * the admin API can warn before a change that would end the administrator's own session.
 */
export async function decideZone(
  deps: ZoneDecisionDeps,
  client: AddressInput,
  settingsAfter?: Settings,
): Promise<ZoneDecision> {
  let settings;
  let campaign: EnrolmentCampaign | undefined;
  try {
    if (settingsAfter) settings = settingsAfter;
    else ({ settings, campaign } = await deps.settings.get());
  } catch (err) {
    throw new AppError(
      503,
      'service_unavailable',
      'Sign-in is unavailable right now. Please try again in a few minutes.',
    ).withLog('Settings could not be read', err);
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
    requirement: decision.requirement,
    mode: decision.mode,
    reason: failed
      ? `${decision.reason} (zones could not be loaded: everyone is treated as outside)`
      : client.stoppedBy
        ? `${decision.reason} (forwarding chain cut short: ${client.stoppedBy}; treated as outside)`
        : decision.reason,
    zonesFailed: failed,
    outsideFactors: settings.outsideFactors,
    replay: { doubtful, peer: client.peer ?? null, forwarded: client.forwarded ?? null },
    ...(campaign ? { campaign } : {}),
  };
}

/**
 * Whether factors proven at sign-in are enough for what the request's address needs now. Where a
 * second factor is needed only the factors the policy allows outside count (fail closed): a
 * session proven with a factor the administrator has since disallowed stops counting there.
 */
export function factorsSatisfy(
  zoneDecision: Pick<ZoneDecision, 'requirement' | 'outsideFactors'>,
  proof: FactorSet,
): boolean {
  return proofCounts(zoneDecision, proof);
}
