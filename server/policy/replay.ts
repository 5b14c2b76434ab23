/**
 * The policy preview's replay (issue 27): what the login policy would have said to a recorded
 * sign-in under another policy — other zones, other settings, other trusted proxies. It is no
 * second policy engine: it asks the client-address rules (when proxies are replayed), the zone
 * matcher, `decideLogin` and `proofCounts` — the same pure functions every door asks — once with
 * the live policy and once with the draft, and compares. Pure: recorded facts in, verdicts out.
 */
import type { FactorSet, Requirement } from '../factors/proof.js';
import type { ClientAddressResolver } from '../client-address/types.js';
import type { ZoneMatch, ZoneMatcher } from '../zones/types.js';
import { decideLogin } from './decide-login.js';
import { proofCounts } from './proof-counts.js';

/** A policy to replay against: the settings that move a decision, and the compiled zones. */
export interface ReplayPolicy {
  active: boolean;
  twoStep: boolean;
  /** The second factors that count outside. */
  outsideFactors: FactorSet;
  zones: ZoneMatcher;
  /**
   * The client-address rules to replay the recorded peer and forwarding header with (another list
   * of trusted proxies); absent: the address recorded at the time is taken as it is.
   */
  resolve?: ClientAddressResolver;
}

/** What was recorded of a sign-in or grant (server/db/migrations/013-policy-replay.sql). */
export interface RecordedSignIn {
  /** The client address (canonical), or null when it was doubtful: outside whatever the zones. */
  address: string | null;
  /** What the sign-in proved. */
  factors: FactorSet;
  /** The socket peer and the forwarding header as received (null for older rows). */
  peer: string | null;
  forwarded: string | null;
}

/** What a policy says to one recorded sign-in. */
export interface ReplayVerdict {
  /** The client address under this policy's proxies (null: unknown or doubtful). */
  address: string | null;
  inside: boolean;
  zone: string | null;
  requirement: Requirement;
  /** Whether what the sign-in proved is enough for that requirement. */
  proofCounts: boolean;
}

/**
 * How a draft changes one sign-in: `needs_second_factor` — it got in under the live policy with
 * what it proved, and would not under the draft; `no_longer_needs` — the draft asks less of it
 * (the password would be enough, or what it proved would count again); otherwise `same`.
 */
export type ReplayChange = 'same' | 'needs_second_factor' | 'no_longer_needs';

function whereFrom(signIn: RecordedSignIn, policy: ReplayPolicy): ZoneMatch {
  let address = signIn.address;
  if (policy.resolve && signIn.peer !== null) {
    const r = policy.resolve({
      peer: signIn.peer,
      header: () => signIn.forwarded ?? undefined,
    });
    address = r.stoppedBy === undefined ? r.ip : null;
  }
  return address === null ? { inside: false, zone: null, address } : policy.zones.match(address);
}

/** What `policy` says to a recorded sign-in. */
export function replaySignIn(signIn: RecordedSignIn, policy: ReplayPolicy): ReplayVerdict {
  const match = whereFrom(signIn, policy);
  const { requirement } = decideLogin({ active: policy.active, twoStep: policy.twoStep, match });
  return {
    address: match.address,
    inside: match.inside,
    zone: match.zone,
    requirement,
    proofCounts: proofCounts(
      { requirement, outsideFactors: policy.outsideFactors },
      signIn.factors,
    ),
  };
}

/** How the draft's verdict differs from the live one for the same sign-in. */
export function changeOf(live: ReplayVerdict, draft: ReplayVerdict): ReplayChange {
  if (live.proofCounts && !draft.proofCounts) return 'needs_second_factor';
  if (
    (live.requirement !== 'password' && draft.requirement === 'password') ||
    (!live.proofCounts && draft.proofCounts)
  )
    return 'no_longer_needs';
  return 'same';
}

/**
 * Whether a user who has `enrolled` (their password, if any, and the second factors they have now)
 * could prove what `requirement` asks under the policy's outside factors — if not, the draft would
 * stop them. The same rule as a sign-in's proof.
 */
export function couldProve(
  s: { requirement: Requirement; outsideFactors: FactorSet },
  enrolled: FactorSet,
): boolean {
  return proofCounts(s, enrolled);
}
