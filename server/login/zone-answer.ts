/**
 * The answer to "where do I stand?" (`GET /api/zone`, docs/api.md) built from a request's
 * zoneDecision: one function for the route and for the pages that hand the same answer to the widget
 * in their HTML (`zone-hint`), so both say the same; and how such an answer is counted.
 */
import type { ZoneDecision } from '../domain/zone-decision.js';
import type { ZoneInfo } from '../domain/login/answers.js';
import type { Metrics } from '../ops/metrics.js';
import { offeredFactors } from '../domain/login/factor-offer.js';

/**
 * Counts one zone answer (the route's or a page's hint) in `ipsafezone_decisions_total` with the
 * labels its audit row used to give: zone answers decide nothing and are not audited.
 */
export function countZoneAnswer(m: Metrics | null, s: ZoneDecision): void {
  m?.decisions.inc({ door: 'login.zone', outcome: 'answered', mode: s.requirement });
}

export function zoneInfoOf(s: ZoneDecision): ZoneInfo {
  return {
    clientIp: s.clientIp,
    inside: s.inside,
    zone: s.zone,
    active: s.active,
    mode: s.mode,
    requires: s.requirement,
    reason: s.reason,
    factors: offeredFactors(s),
  };
}
