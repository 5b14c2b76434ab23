/**
 * `<ipsafezone-login>`'s behaviour as a pure state machine: `transition(state, event, now)` gives
 * the next state and the effects to run — no DOM, no fetch, no Lit, no timers — so every step
 * (zone answer, password form, two-step, factor choice, the SecSign ID wait with its polling,
 * a ceremony in the browser such as a passkey, code entry, signed in, errors, cancel, retry) is
 * unit-tested in Node (test/widget/unit/login-machine.test.ts). The Lit controller
 * (login-controller.ts) runs the effects and feeds their results back as events; the element only
 * renders the state.
 *
 * Fail closed: only `zone` leads to a form, and only `/api/session` showing the cookie (`session`
 * with `kept`) leads to signed in; every answer to a request that is no longer the latest is
 * dropped (`req`). A sign-in the enrolment campaign answers with `enrol` shows the prompt (`enrol`)
 * instead: "Set it up now" goes to the profile, "Later" — only before the deadline — on to signed in.
 */
import type {
  FactorChangeJson,
  FactorChoiceName,
  FactorOffer,
  SecondFactorNeeded,
  StepResult,
  User,
} from './api-types.js';
import type {
  CeremonyFactor,
  CodeFactor,
  Effect,
  LoginError,
  LoginEvent,
  LoginRequest,
  LoginState,
  Notice,
  Step,
} from './login-types.js';

import { fail, isLocked, load, unreachable, type Out } from './login-start.js';
import { otherWays } from './login-state.js';
import { ceremonyState, isCeremony, isCodeFactor, isSentCode } from './factors/index.js';

export type * from './login-types.js';
export { initialState, isLocked } from './login-start.js';
export { otherChoices, otherWays } from './login-state.js';
export { isCodeFactor } from './factors/index.js';

/** Answers that mean "the server is not there right now": poll again, never let anyone in. */
const TRANSIENT = /^(network|bad_response|service_unavailable|secsign_unreachable)$/;

/** A step shown anew; leaving the SecSign ID wait stops its polling. */
const go = (s: LoginState, step: Step, notice: Notice | null): Out => [
  { ...s, step, notice },
  [{ type: 'stop-poll' }],
];

/** The choices; loads the chunks of the ceremonies offered to know whether they can run here. */
function choose(s: LoginState, transaction: string | null, factors: FactorOffer[]): Out {
  const [next, fx] = go(s, { kind: 'choose', transaction, factors }, { kind: 'choose' });
  const unknown = factors
    .map((o) => o.factor)
    .filter((f): f is CeremonyFactor => isCeremony(f) && !s.ceremonies[f]);
  if (unknown.length > 0) fx.push({ type: 'load-ceremonies', factors: unknown });
  return [next, fx];
}

const codeStep = (
  s: LoginState,
  transaction: string | null,
  factor: CodeFactor,
  factors: FactorOffer[],
): Out => go(s, { kind: 'code', transaction, factor, factors }, { kind: 'code', factor });

/**
 * The first step for the zone answer: the password form, the SecSign ID form (mode `2fa`), or —
 * mode `2fa` where SecSign ID does not count from here — the choice of the factors that do.
 */
function startStep(s: LoginState): Out {
  const fresh = { ...s, typed: null };
  const factors = s.zone?.mode === '2fa' ? (s.zone.factors ?? []) : [];
  if (factors.length > 0 && !factors.some((o) => o.factor === 'secsign'))
    return choose(fresh, null, factors);
  const kind = s.zone?.mode === '2fa' ? 'secsign-id' : 'password';
  return [{ ...fresh, step: { kind }, remember: s.remembered[kind] !== null }, []];
}

/** Runs one login step, unless one runs or the name is locked; `null`: a field holds only blanks. */
function submit(s: LoginState, request: LoginRequest | null, now: number): Out {
  if (!request || s.busy || isLocked(s, now, s.typed ?? s.lastUsername)) return [s, []];
  const req = s.req + 1;
  return [{ ...s, busy: true, notice: null, req }, [{ type: 'request', req, request }]];
}

function poll(s: LoginState, transaction: string, after: number): Out {
  const req = s.req + 1;
  return [{ ...s, req }, [{ type: 'poll', req, transaction, after }]];
}

/** A code factor picked after the password: its code sent first (an e-mail code), or its step. */
function toCode(
  s: LoginState,
  transaction: string,
  factor: CodeFactor,
  factors: FactorOffer[],
  now: number,
): Out {
  if (!isSentCode(factor)) return codeStep(s, transaction, factor, factors);
  return submit(s, { op: 'send', transaction, factor }, now);
}

/** The password was right and a second factor is needed: the code step, or the choices. */
function afterPassword(s: LoginState, r: SecondFactorNeeded, now: number): Out {
  const want = s.wanted;
  const t = { ...s, wanted: null };
  const pick =
    r.factors.find((o) => o.factor === want) ?? (r.factors.length === 1 ? r.factors[0] : undefined);
  if (pick && isCodeFactor(pick.factor))
    return toCode(t, r.transaction, pick.factor, r.factors, now);
  return choose(t, r.transaction, r.factors);
}

/** A login step failed: the error, a lock-out, and what the step does next. */
function failed(s: LoginState, error: LoginError, now: number): Out {
  const [next, fx] = fail({ ...s, busy: false }, error);
  let t = next;
  if (error.code === 'too_many_attempts')
    t = {
      ...t,
      lock: { name: s.lastUsername, until: now + (error.retryAfterSeconds || 60) * 1000 },
    };
  if (error.code === 'password_not_used' || error.code === 'wrong_step') {
    const [loaded, more] = load(t, t.notice);
    return [loaded, [...fx, ...more]];
  }
  if (s.step.kind === 'code') {
    fx.push({ type: 'clear-field', name: 'code' });
    // Mode `2fa`: the password or the code was wrong (the server does not say which): both again.
    if (!s.step.transaction)
      t = { ...t, held: null, wanted: s.step.factor, step: { kind: 'password' } };
  } else if (error.code === 'invalid_credentials') {
    fx.push({ type: 'clear-field', name: 'password' });
  }
  fx.push({ type: 'focus' });
  return [t, fx];
}

/** The answer to a login step. */
function answered(s: LoginState, result: StepResult, now: number): Out {
  if (result.status === 'signed_in') {
    const recoveryLeft = s.step.kind === 'code' ? result.recoveryCodesLeft : undefined;
    return [
      { ...s, signingIn: { user: result.user, recoveryLeft, enrol: result.enrol } },
      [{ type: 'session', req: s.req }],
    ];
  }
  const t = { ...s, busy: false };
  if (result.status === 'second_factor') return afterPassword(t, result, now);
  // The code was sent out of band: "type the code we sent" (the factor's view words it).
  if (result.status === 'code_sent')
    return codeStep(t, result.transaction, result.factor, result.factors);
  return poll(
    { ...t, step: { kind: 'pending', pending: result } },
    result.transaction,
    result.pollAfterMs || 2000,
  );
}

/** `/api/session` answered: signed in only when the browser kept the session cookie. */
function session(s: LoginState, kept: boolean, changes: FactorChangeJson[]): Out {
  const t = { ...s, busy: false, signingIn: null };
  if (!s.signingIn || !kept) {
    return fail(
      { ...t, step: { kind: 'outcome' } },
      {
        status: 0,
        code: 'session_not_kept',
        message: 'The browser did not keep the session cookie.',
        retryAfterSeconds: 0,
        requestId: '',
      },
    );
  }
  const { user, recoveryLeft, enrol } = s.signingIn;
  const form = s.zone?.mode === '2fa' ? 'secsign-id' : 'password';
  const fx: Effect[] = [
    { type: 'stop-poll' },
    { type: 'remember', form, name: s.remember ? s.lastUsername : null },
  ];
  // Asked to set up a second factor: no success (and no way on) until "Later" — if it is offered.
  if (enrol)
    return [{ ...t, held: null, notice: null, step: { kind: 'enrol', user, enrol, changes } }, fx];
  return signedIn({ ...t, held: null }, user, recoveryLeft, changes, fx);
}

/** Signed in: the notice, the step, and the success event (the page may go on). */
function signedIn(
  s: LoginState,
  user: User,
  recoveryLeft: number | undefined,
  changes: FactorChangeJson[],
  fx: Effect[],
): Out {
  const name = user.displayName || user.username;
  return [
    {
      ...s,
      notice: { kind: 'signed-in', name, recoveryLeft },
      step: { kind: 'signed-in', user, changes, go: null },
    },
    [...fx, { type: 'success-event', user, changes }],
  ];
}

/** The SecSign ID wait could not learn the state: wait on while the request lives, else end. */
function pollFailed(s: LoginState, error: LoginError, serverNow: number): Out {
  if (s.step.kind !== 'pending') return [s, []];
  const { pending } = s.step;
  const expired = Date.parse(pending.expiresAt) <= serverNow;
  const transient = TRANSIENT.test(error.code);
  if (transient && !expired)
    return poll({ ...s, notice: { kind: 'still-trying' } }, pending.transaction, 3500);
  const expiry = { status: 401, code: 'secsign_expired', message: 'The request timed out.' };
  return fail(
    { ...s, step: { kind: 'outcome' } },
    transient ? { ...expiry, retryAfterSeconds: 0, requestId: '' } : error,
  );
}

/** What the user chose on the choice step. */
function chosen(s: LoginState, factor: FactorChoiceName, now: number): Out {
  const step = s.step;
  if (step.kind !== 'choose') return [s, []];
  if (isCeremony(factor) && s.ceremonies[factor]) {
    const { transaction } = step;
    return submit(s, { op: 'ceremony', factor, transaction, username: s.lastUsername }, now);
  }
  if (!isCodeFactor(factor)) {
    const [first, fx] = startStep(s);
    const [next, more] = go(first, first.step, null);
    return [next, [...fx, ...more]];
  }
  if (step.transaction) return toCode(s, step.transaction, factor, step.factors, now);
  // Mode `2fa`: the password first, then this code.
  return go({ ...s, wanted: factor }, { kind: 'password' }, null);
}

/** Keeps the name just submitted, and whether to remember it once signed in. */
const named = (s: LoginState, name: string, remember: boolean): LoginState => ({
  ...s,
  lastUsername: name,
  typed: name,
  remember,
});

/** The next state and the effects to run for `event` at `now` (the page's clock, ms). */
export function transition(s: LoginState, event: LoginEvent, now: number): Out {
  const step = s.step;
  switch (event.type) {
    case 'load':
      return load(s, event.keep ?? null);
    case 'resume': {
      // Disconnecting dropped whatever ran: nothing is busy any more.
      const t = { ...s, busy: false, signingIn: null };
      if (step.kind === 'loading') return load(t, null);
      if (step.kind === 'pending') return poll(t, step.pending.transaction, 1000);
      return [t, []];
    }
    case 'zone': {
      if (event.req !== s.req) return [s, []];
      const base = {
        ...s,
        zone: event.zone,
        remembered: event.remembered,
        ceremonies: ceremonyState(event.ceremonies),
      };
      const [next, fx] = startStep(base);
      return [next, [...fx, { type: 'zone-event', zone: event.zone }]];
    }
    case 'zone-failed':
      return event.req === s.req ? unreachable(s, event.error) : [s, []];
    case 'input':
      return [{ ...s, typed: event.value }, []];
    case 'show-password':
      return [{ ...s, showPassword: event.on }, []];
    case 'submit-password': {
      if (step.kind !== 'password') return [s, []];
      const { username, password } = event;
      const t = named(s, username, event.remember);
      if (username && password && s.wanted) {
        const held = { username, password };
        return codeStep({ ...t, wanted: null, held }, null, s.wanted, s.zone?.factors ?? []);
      }
      const request: LoginRequest = { op: 'password', username, password };
      return submit(t, username && password ? request : null, now);
    }
    case 'submit-secsign': {
      if (step.kind !== 'secsign-id') return [s, []];
      const t = named(s, event.id, event.remember);
      return submit(t, event.id ? { op: 'secsign', id: event.id } : null, now);
    }
    case 'submit-code': {
      if (step.kind !== 'code') return [s, []];
      const { code } = event;
      if (!code) return [s, [{ type: 'clear-field', name: 'code' }]];
      const { transaction, factor } = step;
      const request: LoginRequest = transaction
        ? { op: 'code', transaction, factor, code }
        : {
            op: 'password',
            ...(s.held ?? { username: '', password: '' }),
            second: { factor, code },
          };
      return submit(s, request, now);
    }
    case 'ceremony': {
      if (step.kind !== 'secsign-id' || !isCeremony(event.factor)) return [s, []];
      const { factor } = event;
      return submit(s, { op: 'ceremony', factor, transaction: null, username: '' }, now);
    }
    case 'choose':
      return chosen(s, event.factor, now);
    case 'another-way': {
      const others = otherWays(s);
      if (others.length === 0) return [s, []];
      const transaction =
        step.kind === 'pending'
          ? step.pending.transaction
          : step.kind === 'code'
            ? step.transaction
            : null;
      return choose(s, transaction, others);
    }
    case 'cancel': {
      if (step.kind !== 'pending') return [s, []];
      const [next, fx] = startStep({ ...s, req: s.req + 1 });
      const cancel: Effect[] = [
        { type: 'abort' },
        { type: 'cancel', transaction: step.pending.transaction },
      ];
      return [{ ...next, notice: { kind: 'canceled' } }, [...cancel, ...fx]];
    }
    case 'send-new': {
      // SecSign ID alone (the first step of mode `2fa`; 2SA would need the password again):
      // cancel and send a new request.
      if (step.kind !== 'pending' || step.pending.factor !== 'secsign' || s.zone?.mode !== '2fa')
        return [s, []];
      const { transaction, secSignId } = step.pending;
      const [next, fx] = submit(s, { op: 'secsign', id: secSignId }, now);
      return [next, [{ type: 'stop-poll' }, { type: 'cancel', transaction }, ...fx]];
    }
    case 'continue':
      if (step.kind !== 'signed-in') return [s, []];
      if (step.go) return [s, [{ type: 'navigate', url: step.go }]];
      return [{ ...s, step: { ...step, changes: [] } }, []];
    case 'enrol-now':
      return step.kind === 'enrol' ? [s, [{ type: 'navigate', url: step.enrol.url }]] : [s, []];
    case 'enrol-later':
      // Only before the deadline (the server's word, and the page's clock): after it, no way on.
      if (step.kind !== 'enrol' || step.enrol.required || now >= Date.parse(step.enrol.by))
        return [s, []];
      return signedIn(s, step.user, undefined, step.changes, []);
    case 'ceremonies': {
      const usable = Object.fromEntries(event.usable.map((f) => [f, true]));
      return [{ ...s, ceremonies: { ...s.ceremonies, ...usable } }, []];
    }
    case 'answer':
      return s.busy && event.req === s.req ? answered(s, event.result, now) : [s, []];
    case 'failed':
      return s.busy && event.req === s.req ? failed(s, event.error, now) : [s, []];
    case 'polled': {
      if (event.req !== s.req || step.kind !== 'pending') return [s, []];
      const r = event.result;
      if (r.status === 'signed_in')
        return [
          { ...s, signingIn: { user: r.user, recoveryLeft: undefined } },
          [{ type: 'session', req: s.req }],
        ];
      const t = s.notice ? { ...s, notice: null } : s;
      return poll(t, step.pending.transaction, r.pollAfterMs || 3500);
    }
    case 'poll-failed':
      return event.req === s.req ? pollFailed(s, event.error, event.serverNow) : [s, []];
    case 'session':
      return event.req === s.req ? session(s, event.kept, event.changes) : [s, []];
    case 'success-shown': {
      if (step.kind !== 'signed-in') return [s, []];
      const next = { ...s, step: { ...step, go: event.go } };
      // Changes since the last sign-in are told first; "Continue" goes on.
      if (event.go && step.changes.length === 0)
        return [next, [{ type: 'navigate', url: event.go }]];
      return [next, []];
    }
  }
}
