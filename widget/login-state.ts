/**
 * Questions the machine (login-machine.ts) and the step views both ask of a state: which other
 * factors does the step offer (whether a choice is a code or a ceremony: `factors/index.ts`).
 * Pure functions of plain data, like the machine; in the step chunk with it.
 */
import type { FactorChoiceName, FactorOffer } from './api-types.js';
import type { LoginState } from './login-types.js';

/** The choices to list besides `current`, without the ceremonies that cannot run here (`false`). */
export function otherChoices(
  offers: readonly FactorOffer[] | undefined,
  current: FactorChoiceName | null,
  ceremonies: Readonly<Partial<Record<FactorChoiceName, boolean>>>,
): FactorOffer[] {
  return (offers ?? []).filter((o) => o.factor !== current && ceremonies[o.factor] !== false);
}

/** The second factors the element offers beside the step shown ("Use another way"); [] none. */
export function otherWays(s: LoginState): FactorOffer[] {
  const step = s.step;
  if (step.kind === 'code' && step.transaction)
    return otherChoices(step.factors, step.factor, s.ceremonies);
  if (step.kind === 'pending')
    return otherChoices(step.pending.factors, step.pending.factor, s.ceremonies);
  if (step.kind === 'secsign-id') return otherChoices(s.zone?.factors, 'secsign', s.ceremonies);
  return [];
}
