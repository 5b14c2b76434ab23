/**
 * The profile API's second factors (`/api/me/factors…`, docs/api.md): the list, enrolling a factor
 * by token and first code (`/factors/:factor`: begin, e.g. an authenticator app's QR code and URI;
 * `…/confirm`: the first code) through its module's enrolment (`server/factors/modules.ts`, so no
 * factor is named here), removing a factor, a new set of recovery codes. Handlers translate; the domain decides who may (enrolment-rules.ts), from
 * where this request stands; every change needs a recent sign-in or confirmation (recent-auth-guard.ts).
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireActor } from '../http/require-actor.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { validate } from '../admin-api/validate.js';
import { createSecretBox, missingSecretBox } from '../platform/crypto/secret-box.js';
import { issueRecoveryCodes, listFactors, removeFactor } from '../domain/factor-changes.js';
import { codeEnrolment, type AnyCodeEnrolment } from '../factors/modules.js';
import { notFound } from '../http/errors.js';
import { userNotFound } from '../domain/errors.js';
import { findUserById } from '../store/users.js';
import { recentAuthGuard } from './recent-auth-guard.js';

const confirmBody = z.strictObject({
  enrolment: z.string().min(1).max(2000),
  code: z.string().trim().min(1, 'Enter the code.').max(20),
  label: z.string().max(100).default(''),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** The enrolment of the path's `:factor`; a factor without one is not found (404), as before. */
const enrolmentOf = (name: string): AnyCodeEnrolment => codeEnrolment(name)!;
const enrolable = createMiddleware<DoorEnv>(async (c, next) => {
  if (!codeEnrolment(c.req.param('factor') ?? '')) return notFound(c);
  await next();
});

export function factorRoutes(doors: DoorDeps) {
  const { db, clock, config, secsign, zoneDecision: zoneDecisionDeps } = doors;
  const ctx = {
    db,
    clock,
    config,
    secsign,
    box: config.secretKey ? createSecretBox(config.secretKey) : missingSecretBox(),
  };
  const fresh = recentAuthGuard(doors);
  const me = async (id: number) => {
    const user = await findUserById(db, id);
    if (!user) throw userNotFound();
    return user;
  };
  return new Hono<DoorEnv>()
    .use(requireActor)
    .get('/factors', async (c) => c.json(await listFactors(db, c.get('actor').id)))
    .post('/factors/:factor', enrolable, fresh('factor.enrol'), async (c) => {
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const e = await enrolmentOf(c.req.param('factor')).begin(
        ctx,
        domainActor(c),
        zoneDecision,
        await me(c.get('actor').id),
      );
      return c.json({ ...e, expiresAt: new Date(e.expiresAt).toISOString() });
    })
    .post(
      '/factors/:factor/confirm',
      enrolable,
      validate('json', confirmBody),
      fresh('factor.enrol'),
      async (c) => {
        const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
        const result = await enrolmentOf(c.req.param('factor')).confirm(
          ctx,
          domainActor(c),
          zoneDecision,
          await me(c.get('actor').id),
          c.req.valid('json'),
        );
        return c.json({ ...(await listFactors(db, c.get('actor').id)), ...result });
      },
    )
    .delete('/factors/:id', validate('param', idParam), fresh('factor.remove'), async (c) => {
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const actor = c.get('actor');
      await removeFactor(
        db,
        clock,
        domainActor(c),
        zoneDecision,
        actor.id,
        c.req.valid('param').id,
      );
      return c.json(await listFactors(db, actor.id));
    })
    .post('/recovery-codes', fresh('factor.recovery_codes'), async (c) => {
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const actor = c.get('actor');
      const codes = await issueRecoveryCodes(db, clock, domainActor(c), zoneDecision, actor.id);
      return c.json({ recoveryCodes: codes });
    });
}
