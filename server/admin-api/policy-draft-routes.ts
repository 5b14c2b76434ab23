/**
 * `/api/admin/policy/draft`: report-only mode (issue 27 §3, server/domain/policy-draft.ts). The
 * admin page's overview reads the running draft (or the one that ended last) with what it would
 * have decided per day and whom it would have treated differently; an administrator starts one,
 * applies it (the live policy takes it, after the impact preview; refused as a save would be) or
 * discards it. Administrators only, CSRF-checked like every admin route (`guard.ts`); bad input is
 * 400 `invalid_input`, a second draft 409 `draft_running`, one that no longer runs 409
 * `draft_not_running`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor, ownSessionOf } from '../http/domain-actor.js';
import { factorSet } from '../factors/proof.js';
import {
  MAX_DRAFT_DAYS,
  applyDraft,
  discardDraft,
  showDraft,
  startDraft,
  type DraftDeps,
} from '../domain/policy-draft.js';
import { previewDraft } from './preview-routes.js';
import { validate } from './validate.js';

/** A draft to start: the preview's draft shape and how many days it runs. */
export const draftStart = previewDraft
  .omit({ days: true })
  .extend({ reportDays: z.number().int().min(1).max(MAX_DRAFT_DAYS) });

/** Which draft an apply or discard means (the one the administrator was shown). */
const draftId = z.strictObject({ id: z.number().int().positive() });

/** An apply: the draft, and whether to go ahead although it ends the administrator's session. */
const draftApply = draftId.extend({ confirm: z.boolean().optional() });

export function policyDraftRoutes({ db, clock, config, zoneDecision }: DoorDeps) {
  const deps: DraftDeps = {
    db,
    clock,
    clientAddress: { trustedProxies: [...config.trustedProxies], header: config.clientIpHeader },
  };
  return new Hono<DoorEnv>()
    .get('/', async (c) => c.json({ draft: await showDraft(db, clock) }))
    .post('/', validate('json', draftStart), async (c) => {
      const { reportDays, outsideFactors, ...rest } = c.req.valid('json');
      const policy = {
        ...rest,
        ...(outsideFactors ? { outsideFactors: factorSet(...outsideFactors) } : {}),
      };
      const draft = await startDraft(deps, domainActor(c), policy, reportDays);
      return c.json({ draft }, 201);
    })
    .post('/apply', validate('json', draftApply), async (c) => {
      const { id, confirm } = c.req.valid('json');
      const own = ownSessionOf(c, zoneDecision, confirm);
      const applied = await applyDraft(deps, domainActor(c), id, own);
      return c.json(applied);
    })
    .post('/discard', validate('json', draftId), async (c) => {
      const draft = await discardDraft(db, clock, domainActor(c), c.req.valid('json').id);
      return c.json({ draft });
    });
}
