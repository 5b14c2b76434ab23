/**
 * The profile API's second factors (`/api/me/factors…`, docs/api.md): the list, enrolling an
 * authenticator app (begin: QR code and URI; confirm: the first code), removing a factor, a new set
 * of recovery codes. Handlers translate; the domain decides who may (enrolment-rules.ts), from
 * where this request stands; every change needs a recent sign-in or confirmation (recent-auth-guard.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppProviders } from '../providers.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireActor } from '../http/require-actor.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { validate } from '../admin-api/validate.js';
import { createSecretBox, missingSecretBox } from '../platform/crypto/secret-box.js';
import type { ZoneDecisionDeps } from '../domain/zone-decision.js';
import { issueRecoveryCodes, listFactors, removeFactor } from '../domain/factor-changes.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../factors/totp/totp-service.js';
import { userNotFound } from '../domain/errors.js';
import { findUserById } from '../store/users.js';
import { recentAuthGuard } from './recent-auth-guard.js';

const confirmBody = z.strictObject({
  enrolment: z.string().min(1).max(2000),
  code: z.string().trim().min(1, 'Enter the code.').max(20),
  label: z.string().max(100).default(''),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function factorRoutes(providers: AppProviders, zoneDecisionDeps: ZoneDecisionDeps) {
  const { db, clock, config } = providers;
  const totp = {
    db,
    clock,
    box: config.secretKey ? createSecretBox(config.secretKey) : missingSecretBox(),
    issuer: 'IPSafeZone',
  };
  const fresh = recentAuthGuard(providers);
  const me = async (id: number) => {
    const user = await findUserById(db, id);
    if (!user) throw userNotFound();
    return user;
  };
  return new Hono<DoorEnv>()
    .use(requireActor)
    .get('/factors', async (c) => c.json(await listFactors(db, c.var.actor.id)))
    .post('/factors/totp', fresh('factor.enrol'), async (c) => {
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const e = await beginTotpEnrolment(
        totp,
        domainActor(c),
        zoneDecision,
        await me(c.var.actor.id),
      );
      return c.json({ ...e, expiresAt: new Date(e.expiresAt).toISOString() });
    })
    .post(
      '/factors/totp/confirm',
      validate('json', confirmBody),
      fresh('factor.enrol'),
      async (c) => {
        const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
        const result = await confirmTotpEnrolment(
          totp,
          domainActor(c),
          zoneDecision,
          await me(c.var.actor.id),
          c.req.valid('json'),
        );
        return c.json({ ...(await listFactors(db, c.var.actor.id)), ...result });
      },
    )
    .delete('/factors/:id', validate('param', idParam), fresh('factor.remove'), async (c) => {
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const actor = c.var.actor;
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
      const actor = c.var.actor;
      const codes = await issueRecoveryCodes(db, clock, domainActor(c), zoneDecision, actor.id);
      return c.json({ recoveryCodes: codes });
    });
}
