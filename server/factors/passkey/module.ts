/**
 * Passkeys as a factor module (`server/factors/factor-module.ts`): a WebAuthn ceremony in the
 * browser, so its login and enrolment are routes of its own (`/api/login/passkey/*` in
 * `routes.ts`, listed here; `/api/me/passkeys`), built on `webauthn.ts`, `challenges.ts` and `wire.ts` beside this file.
 */
import type { FactorModule } from '../factor-module.js';
import { holds } from '../registry.js';
import { passkeyFacts } from './facts.js';
import { passkeyRoutes } from './routes.js';

/** `satisfies`, not an annotation: its routes keep their paths, bodies and answers (the widget's). */
export const passkeyModule = {
  facts: passkeyFacts,
  usableFor: (h) => holds(passkeyFacts.name, h),
  login: { answer: 'ceremony' },
  routes: (setup) => Object.values(passkeyRoutes(setup)),
} satisfies FactorModule<typeof passkeyFacts>;
