/**
 * The state of `<ipsafezone-login>`'s machine (login-machine.ts) before anything is known, and
 * the questions the machine and the element both ask of a state: is this name locked out, which
 * other factors does the step offer. Pure functions of plain data, like the machine.
 */
import type { FactorChoiceName, FactorOffer } from './api-types.js';
import type { CodeFactor, LoginState } from './login-types.js';

/** Whether a choice is answered with a typed code. */
export const isCodeFactor = (f: FactorChoiceName | null): f is CodeFactor =>
  f === 'totp' || f === 'recovery_code';

/** The choices to list besides `current`, without passkeys when they cannot run here. */
export function otherChoices(
  offers: readonly FactorOffer[] | undefined,
  current: FactorChoiceName | null,
  passkeys: boolean,
): FactorOffer[] {
  return (offers ?? []).filter((o) => o.factor !== current && (o.factor !== 'passkey' || passkeys));
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `name` is locked out at `now`. */
export const isLocked = (s: LoginState, now: number, name: string): boolean =>
  s.lock.until > now && sameName(name, s.lock.name);

/** The state before anything is known. */
export function initialState(): LoginState {
  return {
    step: { kind: 'loading' },
    zone: null,
    notice: null,
    busy: false,
    lock: { name: '', until: 0 },
    typed: null,
    lastUsername: '',
    remember: false,
    remembered: { password: null, 'secsign-id': null },
    showPassword: false,
    passkeys: false,
    wanted: null,
    held: null,
    signingIn: null,
    req: 0,
  };
}

/** The second factors the element offers beside the step shown ("Use another way"); [] none. */
export function otherWays(s: LoginState): FactorOffer[] {
  const step = s.step;
  if (step.kind === 'code' && step.transaction)
    return otherChoices(step.factors, step.factor, s.passkeys);
  if (step.kind === 'pending') return otherChoices(step.pending.factors, 'secsign', s.passkeys);
  if (step.kind === 'secsign-id') return otherChoices(s.zone?.factors, 'secsign', s.passkeys);
  return [];
}
