/**
 * One recorded sign-in as the doors write it (server/login/steps/sign-in.ts through
 * `decisionEntry`): a `login.success` audit row with the replay columns the policy preview reads
 * (migration 013). For tests that seed a history of sign-ins without signing in a thousand times.
 */
import type { Statement } from '../../server/db/database.js';
import { auditStatement } from '../../server/store/audit.js';
import { addressKey } from '../../server/zones/address-key.js';

export function recordedSignIn(
  at: number,
  username: string,
  address: string,
  factors: string,
  via: { peer?: string; forwarded?: string | null } = {},
): Statement {
  return auditStatement(at, {
    actor: username,
    action: 'login.success',
    username,
    clientIp: address,
    outcome: 'signed_in',
    details: { factors },
    replay: {
      factors,
      addressKey: addressKey(address),
      peerIp: via.peer ?? address,
      forwarded: via.forwarded ?? null,
    },
  });
}
