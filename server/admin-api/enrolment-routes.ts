/**
 * `/api/admin/enrolment`: the enrolment campaign (issue 27 §4) — `GET` the setting and who has no
 * second factor that counts outside, since when and how many days are left; `PATCH` the setting
 * ("every user within N days", null: off; whether first factors need approval); the approvals
 * waiting (`approval-routes.ts`). The rules are in
 * server/domain/enrolment-campaign.ts, shared with the CLI (`ipsafezone settings set enrol-within`).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { campaignOverview, updateCampaign } from '../domain/enrolment-campaign.js';
import { validate } from './validate.js';
import { approvalRoutes } from './approval-routes.js';

export const campaignPatch = z
  .strictObject({
    /** Days each user has to enrol a factor that counts outside; null switches the campaign off. */
    withinDays: z.number().int().min(1).max(3650).nullable().optional(),
    /** Whether a first factor enrolled with the password inside waits for an administrator. */
    firstFactorApproval: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one setting to change');

export function enrolmentRoutes(deps: DoorDeps) {
  const { db, clock } = deps;
  return new Hono<DoorEnv>()
    .get('/', async (c) => c.json(await campaignOverview(db, clock)))
    .patch('/', validate('json', campaignPatch), async (c) => {
      await updateCampaign(db, clock, domainActor(c), c.req.valid('json'));
      return c.json(await campaignOverview(db, clock));
    })
    .route('/approvals', approvalRoutes(deps));
}
