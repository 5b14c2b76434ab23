/**
 * SecSign ID as a factor module (`server/factors/factor-module.ts`): a challenge — a push to the
 * phone the widget waits for (`challenge.ts`) — started at once after a right password when the
 * user has a SecSign ID (two-step), or on its own from the SecSign ID form (its step,
 * `server/domain/login/steps/secsign-id-step.ts`). Its ID is set on the user, not enrolled here.
 */
import type { FactorModule } from '../factor-module.js';
import { holds } from '../registry.js';
import { createSecSignFactor, type SecSignDisplay } from './challenge.js';
import { secsignFacts } from './facts.js';

export const secsignModule: FactorModule<typeof secsignFacts, SecSignDisplay> = {
  facts: secsignFacts,
  usableFor: (h) => holds(secsignFacts.name, h),
  login: {
    answer: 'challenge',
    create: (ctx) => createSecSignFactor(ctx),
    identifierOf: (user) => user.secSignId,
    startsAfterPassword: true,
  },
};
