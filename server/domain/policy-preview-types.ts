/**
 * The policy preview's words on the wire (issue 27): a draft of the policy as the admin API, the
 * CLI and the services hand it in, and the preview's answer — totals, users, addresses, days, the
 * administrator guard and what the replay cannot know. Types and limits only; the work is in
 * policy-preview.ts and the files it names.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { FactorSet } from '../factors/proof.js';
import type { FactorName } from '../factors/registry.js';
import type { ClientAddressConfig } from '../client-address/index.js';
import type { ReplayChange } from '../policy/index.js';
import type { ZoneDefinition } from '../zones/index.js';

export const DEFAULT_PREVIEW_DAYS = 30;
export const MAX_PREVIEW_DAYS = 366;
/** Users and addresses listed at most (the totals count all). */
export const PREVIEW_LIST_LIMIT = 200;

/** A draft of the policy: what is given replaces the live value, the rest stays. */
export interface PolicyDraft {
  /** Every zone as it would be, in order (the matcher's order). */
  zones?: ZoneDefinition[];
  ipSafeZoneActive?: boolean;
  twoStepActive?: boolean;
  outsideFactors?: FactorSet;
  /** Another list of trusted proxies (IPSAFEZONE_TRUSTED_PROXIES); the header stays. */
  trustedProxies?: string[];
}

export interface PreviewDeps {
  db: Database;
  clock: Clock;
  /** The live client-address configuration (trusted proxies, header). */
  clientAddress: ClientAddressConfig;
}

/** How a user's sign-ins change; `stopped`: would need a second factor and has none usable. */
export type UserChange = 'stopped' | 'needs_second_factor' | 'no_longer_needs';

export interface PreviewUser {
  username: string;
  displayName: string;
  role: 'admin' | 'user' | null;
  /** The user no longer exists: their sign-ins are counted, not judged. */
  deleted: boolean;
  disabled: boolean;
  change: UserChange;
  signIns: number;
  /** Up to three of the addresses concerned, most sign-ins first. */
  addresses: string[];
  /** Zones the sign-ins came from under the live policy, and under the draft (null: outside). */
  zonesLive: (string | null)[];
  zonesDraft: (string | null)[];
  /** The second factors the user could use under the draft (empty when stopped). */
  usable: FactorName[];
}

export interface PreviewAddress {
  address: string | null;
  zoneLive: string | null;
  zoneDraft: string | null;
  change: Exclude<ReplayChange, 'same'>;
  signIns: number;
  users: number;
}

export interface PreviewDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  needsSecondFactor: number;
  noLongerNeeds: number;
}

export interface PolicyPreview {
  period: { from: string; to: string; days: number };
  /** What the draft changes, in words. */
  changes: string[];
  signIns: { replayed: number; notRecorded: number };
  totals: Record<UserChange, { signIns: number; users: number }>;
  users: PreviewUser[];
  usersTotal: number;
  addresses: PreviewAddress[];
  addressesTotal: number;
  days: PreviewDay[];
  administrators: {
    /** Enabled administrators who signed in in the period and would be stopped. */
    stopped: string[];
    /** Enabled administrators who could sign in from outside under the draft's factors. */
    outsideCapable: number;
  };
  /** False when the draft would lock administrators out: saving it is refused. */
  saveAllowed: boolean;
  refusal: { code: string; message: string } | null;
  /** What the replay cannot know, in sentences. */
  unknowns: string[];
}
