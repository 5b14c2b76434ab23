/**
 * The factors' modules, listed once (`server/factors/factor-module.ts` says what a module is):
 * the login steps, the profile's enrolment routes and the factor offer find a factor here by its
 * name and ask it, instead of naming it. A new factor adds its module and one line here; the type
 * below fails until every second factor of the registry has one, of the kind its facts name.
 */
import type {
  CodeEnrolment,
  CodeLogin,
  ChallengeLogin,
  FactorModule,
  SentCodeLogin,
} from './factor-module.js';
import type { FactorDisplay } from './second-factor.js';
import type { FactorRoute, FactorRouteSetup } from './factor-routes.js';
import { FACTORS, type CodeFactorName, type SecondFactorName } from './registry.js';
import { secsignModule } from './secsign/module.js';
import { passkeyModule } from './passkey/module.js';
import { totpModule } from './totp/module.js';
import { recoveryCodeModule } from './recovery-code/module.js';

type Modules = { readonly [N in SecondFactorName]: FactorModule<(typeof FACTORS)[N]> };

export const FACTOR_MODULES = {
  secsign: secsignModule,
  passkey: passkeyModule,
  totp: totpModule,
  recovery_code: recoveryCodeModule,
} as const satisfies Modules;

type Listed = typeof FACTOR_MODULES;
/**
 * Any module's enrolment by token and code, with the answers it gives (a module that declares its
 * enrolment with `satisfies` keeps their shape): the profile's enrolment routes answer these, so
 * the page's typed client sees e.g. the authenticator app's QR code.
 */
export type AnyCodeEnrolment = {
  [N in keyof Listed]: Listed[N] extends { enrolment: infer E extends CodeEnrolment } ? E : never;
}[keyof Listed];

/** What one module's challenge shows while the widget waits; never for the other kinds. */
type DisplayOf<M> = M extends { login: ChallengeLogin<infer D> } ? D : never;

/**
 * What any factor's challenge may show while the widget waits: the union of the modules' own
 * displays, told apart by `factor` (the pending answer carries it, `domain/login/answers.ts`).
 */
export type ChallengeDisplay = DisplayOf<(typeof FACTOR_MODULES)[keyof typeof FACTOR_MODULES]> &
  FactorDisplay;

/** The own routes (`FactorModule.routes`) of one module, each with its path, body and answer. */
type RoutesOf<M> = M extends { routes: (setup: FactorRouteSetup) => readonly (infer R)[] }
  ? R
  : never;

/**
 * Every module's own login routes by path (`/login/passkey/options`, …): the widget's client calls
 * them by path (`factorCall`) with the body the route's schema takes and gets its answer, so a
 * factor with routes adds no method to the client, and a renamed field fails the type check.
 */
export type FactorRouteTable = {
  [R in RoutesOf<Listed[keyof Listed]> as R extends FactorRoute ? R['path'] : never]: R;
};

/** A code factor's login: its own check, or (a code sent out of band) its delivery. */
export const codeLogin = (name: CodeFactorName): CodeLogin | SentCodeLogin =>
  FACTOR_MODULES[name].login;

/** The delivery of `name`'s code when it is one sent out of band, else null. */
export function sentCodeLogin(name: string): SentCodeLogin | null {
  const m = (FACTOR_MODULES as Record<string, FactorModule>)[name];
  return m?.login.answer === 'sent-code' ? (m.login as SentCodeLogin) : null;
}

/** The factors answered with a challenge, with their login (to build their `SecondFactor`s). */
export function challengeLogins(): [SecondFactorName, ChallengeLogin][] {
  const all = Object.values(FACTOR_MODULES) as FactorModule[];
  return all.flatMap((m) =>
    m.login.answer === 'challenge'
      ? [[m.facts.name as SecondFactorName, m.login as ChallengeLogin]]
      : [],
  );
}

/** The challenge login of `name`, or null when it is answered another way. */
export function challengeLogin(name: string): ChallengeLogin | null {
  const m = (FACTOR_MODULES as Record<string, FactorModule>)[name];
  return m?.login.answer === 'challenge' ? (m.login as ChallengeLogin) : null;
}

/** How a user enrols `name` by token and first code on the profile page; null: not that way. */
export function codeEnrolment(name: string): AnyCodeEnrolment | null {
  const m = (FACTOR_MODULES as Record<string, FactorModule>)[name];
  return (m?.enrolment as AnyCodeEnrolment | undefined) ?? null;
}
