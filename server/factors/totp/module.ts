/**
 * Authenticator apps (TOTP) as a factor module (`server/factors/factor-module.ts`): a typed code
 * checked at once against each of the user's apps (`totp-service.ts`, each time step used once),
 * enrolled on the profile page with a QR code and the first code the app shows.
 */
import { AppError } from '../../platform/errors.js';
import type { FactorModule } from '../factor-module.js';
import { holds } from '../registry.js';
import { totpFacts } from './facts.js';
import { beginTotpEnrolment, checkTotpCode, confirmTotpEnrolment } from './totp-service.js';

/** Shown in the authenticator app above the account name. */
const ISSUER = 'IPSafeZone';

// `satisfies`, not a type: the enrolment's answers keep their shape for the profile's routes.
export const totpModule = {
  facts: totpFacts,
  usableFor: (h) => holds(totpFacts.name, h),
  login: {
    answer: 'code',
    async check(ctx, user, code) {
      const checked = await checkTotpCode(ctx, user.id, code);
      if (checked === 'unavailable') {
        const error = new AppError(
          503,
          'factor_unavailable',
          'Authenticator codes cannot be checked right now. Use another way, or ask an administrator.',
        );
        return { ok: false, outcome: 'unavailable', error };
      }
      if (checked === 'ok') return { ok: true, outcome: 'code_ok' };
      return { ok: false, outcome: checked === 'replayed' ? 'code_replayed' : 'invalid_code' };
    },
  },
  enrolment: {
    begin: (ctx, actor, zoneDecision, user) =>
      beginTotpEnrolment({ ...ctx, issuer: ISSUER }, actor, zoneDecision, user),
    confirm: (ctx, actor, zoneDecision, user, input) =>
      confirmTotpEnrolment({ ...ctx, issuer: ISSUER }, actor, zoneDecision, user, input),
  },
} satisfies FactorModule<typeof totpFacts>;
