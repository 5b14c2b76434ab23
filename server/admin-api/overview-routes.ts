/**
 * `/api/admin/overview`: the admin page's overview — sign-ins over time (inside and outside a
 * zone, failed attempts), the zones with the most sign-ins, failures by outcome, second-factor
 * failures, and the lock-outs in force now — over the audit log, with the audit log's filters
 * (`user`, `address`, `outcome`, `action`, `from`, `to`, `routine`). Without `from` the last 14 days.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import { AppError } from '../platform/errors.js';
import type { DoorEnv } from '../http/context.js';
import { auditOverview } from '../store/audit-overview.js';
import { normalizeAddress } from '../zones/index.js';
import { auditQuery } from './schemas.js';
import { validate } from './validate.js';

export function overviewRoutes({ db, clock }: DoorDeps) {
  return new Hono<DoorEnv>().get('/', validate('query', auditQuery), async (c) => {
    const { offset: _o, limit: _l, address, ...filters } = c.req.valid('query');
    const canonical = address === undefined ? undefined : normalizeAddress(address);
    if (canonical === null) {
      throw new AppError(400, 'invalid_input', 'Some fields are missing or malformed.', {
        fields: { address: 'not an IP address' },
      });
    }
    if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
      throw new AppError(400, 'invalid_input', 'The start of the span is after its end.', {
        fields: { from: 'after to' },
      });
    }
    return c.json(await auditOverview(db, { ...filters, address: canonical }, clock.now()));
  });
}
