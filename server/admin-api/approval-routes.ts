/**
 * `/api/admin/enrolment/approvals`: first second factors held for an administrator's approval
 * (issue 27 §4, server/domain/factor-approvals.ts) — `GET` the waiting requests with the user, the
 * factor, the address and the time; `POST /:id/approve` writes the factor (it counts from then on);
 * `POST /:id/reject` discards it. Both audited as `enrolment.approval`.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { decideApproval, waitingApprovals } from '../domain/factor-approvals.js';
import { idParam } from './schemas.js';
import { validate } from './validate.js';

export function approvalRoutes({ db, clock }: DoorDeps) {
  return new Hono<DoorEnv>()
    .get('/', async (c) => c.json({ approvals: await waitingApprovals(db) }))
    .post('/:id/approve', validate('param', idParam), async (c) => {
      await decideApproval(db, clock, domainActor(c), Number(c.req.valid('param').id), 'approve');
      return c.json({ approvals: await waitingApprovals(db) });
    })
    .post('/:id/reject', validate('param', idParam), async (c) => {
      await decideApproval(db, clock, domainActor(c), Number(c.req.valid('param').id), 'reject');
      return c.json({ approvals: await waitingApprovals(db) });
    });
}
