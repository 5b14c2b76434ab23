/**
 * Recovery codes as a factor module (`server/factors/factor-module.ts`): a typed code checked at
 * once and used up (`codes.ts`: stored as hashes, each once); the answer tells how many are left.
 * Issued with a user's first second factor and on request (`/api/me/recovery-codes`), not enrolled.
 */
import type { FactorModule } from '../factor-module.js';
import { holds } from '../registry.js';
import { unusedRecoveryCodes, useRecoveryCode } from '../../store/user-factors.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from './codes.js';
import { recoveryCodeFacts } from './facts.js';

export const recoveryCodeModule: FactorModule<typeof recoveryCodeFacts> = {
  facts: recoveryCodeFacts,
  usableFor: (h) => holds(recoveryCodeFacts.name, h),
  login: {
    answer: 'code',
    async check({ db, clock }, user, code) {
      const used =
        looksLikeRecoveryCode(code) &&
        (await useRecoveryCode(db, user.id, hashRecoveryCode(code), clock.now()));
      if (!used) return { ok: false, outcome: 'invalid_code' };
      return {
        ok: true,
        outcome: 'recovery_code_used',
        recoveryCodesLeft: await unusedRecoveryCodes(db, user.id),
      };
    },
  },
};
