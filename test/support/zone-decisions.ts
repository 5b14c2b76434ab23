/**
 * A zone decision for tests that call the domain directly, without a request to decide it: an
 * address outside every zone, IPSafeZone active, so a second factor (SecSign ID) is required.
 */
import type { ZoneDecision } from '../../server/domain/zone-decision.js';

/** `clientIp` outside: the requirement a second factor, SecSign ID counting there. */
export const outsideDecision = (clientIp: string): ZoneDecision => ({
  clientIp,
  clientReason: 'socket peer',
  inside: false,
  zone: null,
  active: true,
  twoStep: false,
  requirement: 'second-factor',
  mode: '2fa',
  reason: 'outside',
  zonesFailed: false,
  outsideFactors: ['secsign'],
});
