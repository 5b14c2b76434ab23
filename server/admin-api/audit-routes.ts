/**
 * `/api/admin/audit`: the audit log, newest first, paged and filtered by user, client address,
 * outcome, action and time.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import { AppError } from '../platform/errors.js';
import type { DoorEnv } from '../http/context.js';
import { listAudit } from '../store/audit.js';
import { normalizeAddress } from '../zones/index.js';
import { auditQuery } from './schemas.js';
import { validate } from './validate.js';
import { auditJson } from './views.js';

export function auditRoutes({ db }: DoorDeps) {
  return new Hono<DoorEnv>().get('/', validate('query', auditQuery), async (c) => {
    const { offset = 0, limit = 50, address, ...filters } = c.req.valid('query');
    let canonical: string | undefined;
    if (address !== undefined) {
      canonical = normalizeAddress(address) ?? undefined;
      if (canonical === undefined) {
        throw new AppError(400, 'invalid_input', 'Some fields are missing or malformed.', {
          fields: { address: 'not an IP address' },
        });
      }
    }
    const page = await listAudit(db, { ...filters, address: canonical, offset, limit });
    return c.json({ entries: page.entries.map(auditJson), total: page.total, offset, limit });
  });
}
