/**
 * The start of `<ipsafezone-login>`'s state machine, the part the first bundle carries: the state
 * before anything is known, asking for the zone, and failing closed when the server cannot be
 * reached (`startTransition`). The rest of the machine (login-machine.ts, built on these) comes
 * with the step chunk, which loads together with the zone answer: until it is in, the element can
 * only be loading or unreachable, and no form exists.
 */
import { ceremonyState } from './factors/index.js';
import type { Effect, LoginError, LoginEvent, LoginState, Notice, Step } from './login-types.js';

export type Out = [LoginState, Effect[]];

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
    ceremonies: ceremonyState(),
    wanted: null,
    held: null,
    signingIn: null,
    req: 0,
  };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `name` is locked out at `now`. */
export const isLocked = (s: LoginState, now: number, name: string): boolean =>
  s.lock.until > now && sameName(name, s.lock.name);

/** Asks for the zone anew; `keep` stays in the live region. */
export function load(s: LoginState, keep: Notice | null): Out {
  const req = s.req + 1;
  const step: Step = { kind: 'loading' };
  return [{ ...s, step, notice: keep, busy: false, req }, [{ type: 'fetch-zone', req }]];
}

/** Shows an error and reports it. */
export const fail = (s: LoginState, error: LoginError): Out => [
  { ...s, notice: { kind: 'error', error } },
  [{ type: 'error-event', error }],
];

/** The zone answer could not be had: fail closed, with only "try again". */
export const unreachable = (s: LoginState, error: LoginError): Out =>
  fail({ ...s, zone: null, step: { kind: 'unreachable' } }, error);

/** The machine until the step chunk is in: starting, and failing closed. */
export function startTransition(s: LoginState, event: LoginEvent): Out {
  if (event.type === 'load') return load(s, event.keep ?? null);
  if (event.type === 'resume' && s.step.kind === 'loading') return load(s, null);
  if (event.type === 'zone-failed' && event.req === s.req) return unreachable(s, event.error);
  return [s, []];
}
