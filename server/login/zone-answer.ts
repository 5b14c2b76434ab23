/**
 * The answer to "where do I stand?" (`GET /api/zone`, docs/api.md) built from a request's
 * standing: one function for the route and for the pages that hand the same answer to the widget
 * in their HTML (`zone-hint`), so both say the same.
 */
import type { Standing } from '../domain/standing.js';
import type { ZoneInfo } from './api-types.js';

export function zoneInfoOf(s: Standing): ZoneInfo {
  return {
    clientIp: s.clientIp,
    inside: s.inside,
    zone: s.zone,
    active: s.active,
    mode: s.mode,
    requires: s.requirement,
    reason: s.reason,
  };
}
