/**
 * The second-factor steps of `<ipsafezone-login>` beyond SecSign ID, kept out of the element's
 * first load (part of the step chunk, steps.ts): after the password, choosing a factor ("Use
 * another way"), typing an authenticator-app or recovery code (`POST /api/login/code`), and handing
 * a passkey choice to the passkey module (factor-choices.ts). The element passes itself as a
 * `FactorHost`: the few members these steps read and call (plain properties at run time).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LoginApi } from './api-client.js';
import type { SecondFactorNeeded, StepResult, ZoneInfo } from './api-types.js';
import {
  isCodeChoice,
  loadPasskeyChoice,
  otherChoices,
  type FactorChoiceName,
  type FactorOffer,
  type PasskeyChoice,
} from './factor-choices.js';
import { formText } from './form-text.js';
import { renderAnotherWay, renderChoices, renderCodeForm } from './render-factors.js';
import type { Terms } from './terms.js';

/** The steps this module shows; `transaction` is null before the password (mode `2fa`). */
export type FactorStep =
  | { kind: 'choose'; transaction: string | null; factors: FactorOffer[] }
  | {
      kind: 'code';
      /** Null in mode `2fa`: the code goes with the password held in memory (`holdPassword`). */
      transaction: string | null;
      factor: 'totp' | 'recovery_code';
      factors: FactorOffer[];
    };

type AnyStep = { kind: string; pending?: { transaction: string; factors?: FactorOffer[] } };

/** What the element lends these steps. */
export interface FactorHost {
  current: AnyStep | FactorStep;
  zone: ZoneInfo | null;
  notice: { text: string; error: boolean; field?: boolean } | null;
  busy: boolean;
  lastUsername: string;
  server: string;
  uid: string;
  api: LoginApi;
  readonly terms: Terms;
  pollTimer: ReturnType<typeof setTimeout> | undefined;
  submit(step: ((s: AbortSignal) => Promise<StepResult>) | null): Promise<void>;
  startStep(): AnyStep;
  requestUpdate(): void;
  querySelector<E extends Element = Element>(selectors: string): E | null;
  reload(): void;
}

/** The factor the user chose before the password (mode `2fa`), per element. */
const wanted = new WeakMap<FactorHost, FactorChoiceName>();
/** Mode `2fa`: the password typed, sent only together with the code (never checked alone). */
const held = new WeakMap<FactorHost, { username: string; password: string }>();

/**
 * Mode `2fa`, a code chosen before the password: keeps the password and asks for the code; the
 * two go to the server in one request. False when the password form is an ordinary one.
 */
export function holdPassword(host: FactorHost, username: string, password: string): boolean {
  const f = wanted.get(host);
  if (!f || !isCodeChoice(f)) return false;
  wanted.delete(host);
  held.set(host, { username, password });
  codeStep(host, null, f, host.zone?.factors ?? []);
  return true;
}
let passkeys: PasskeyChoice | null = null;

const go = (host: FactorHost, step: AnyStep | FactorStep, hint: string | null) => {
  clearTimeout(host.pollTimer);
  host.current = step;
  host.notice = hint ? { text: hint, error: false } : null;
};

/** Shows the choices; loads the passkey choice's chunk to know whether passkeys can run here. */
function choose(host: FactorHost, transaction: string | null, factors: FactorOffer[]): void {
  go(host, { kind: 'choose', transaction, factors }, host.terms.chooseHint);
  if (!passkeys && factors.some((o) => o.factor === 'passkey')) {
    loadPasskeyChoice().then(
      (p) => {
        passkeys = p;
        host.requestUpdate();
      },
      () => undefined,
    );
  }
}

/**
 * Mode `2fa` where the policy does not let SecSign ID count from here (`settings.outside_factors`
 * leaves it out): the first step is the choice of the factors it does allow, not a SecSign ID form
 * the server would refuse. False, and nothing done, otherwise.
 */
export function choiceFirst(host: FactorHost): boolean {
  const factors = host.zone?.mode === '2fa' ? (host.zone.factors ?? []) : [];
  if (factors.length === 0 || factors.some((o) => o.factor === 'secsign')) return false;
  choose(host, null, factors);
  return true;
}

const codeStep = (
  host: FactorHost,
  transaction: string | null,
  factor: 'totp' | 'recovery_code',
  factors: FactorOffer[],
) => go(host, { kind: 'code', transaction, factor, factors }, host.terms.codeHint[factor]);

/** The password was right and a second factor is needed: the code step, or the choices. */
export function afterPassword(host: FactorHost, r: SecondFactorNeeded): void {
  const want = wanted.get(host);
  wanted.delete(host);
  const pick =
    r.factors.find((o) => o.factor === want) ?? (r.factors.length === 1 ? r.factors[0] : undefined);
  if (pick && isCodeChoice(pick.factor)) codeStep(host, r.transaction, pick.factor, r.factors);
  else choose(host, r.transaction, r.factors);
}

function onChoose(host: FactorHost, step: FactorStep, f: FactorChoiceName): void {
  if (f === 'passkey' && passkeys) {
    const p = passkeys;
    void host.submit((signal) =>
      p.signIn({
        server: host.server,
        transaction: step.transaction,
        username: host.lastUsername,
        signal,
      }),
    );
  } else if (f === 'secsign' || f === 'passkey') {
    go(host, host.startStep(), null);
  } else if (step.transaction) {
    codeStep(host, step.transaction, f, step.factors);
  } else {
    // Mode `2fa`: the password first, then this code.
    wanted.set(host, f);
    go(host, { kind: 'password' }, null);
  }
}

async function submitCode(host: FactorHost, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const step = host.current;
  if (step.kind !== 'code' || !('factor' in step)) return;
  const code = formText(new FormData(e.target as HTMLFormElement), 'code').trim();
  const creds = held.get(host);
  const send = (s: AbortSignal) =>
    step.transaction
      ? host.api.code(step.transaction, step.factor, code, s)
      : host.api.password(creds?.username ?? '', creds?.password ?? '', s, {
          factor: step.factor,
          code,
        });
  let left: number | undefined;
  await host.submit(
    code
      ? (s) =>
          send(s).then((r) => {
            if (r.status === 'signed_in') left = r.recoveryCodesLeft;
            return r;
          })
      : null,
  );
  if (host.current.kind === 'signed-in') {
    held.delete(host);
    if (left !== undefined && host.notice) {
      host.notice = {
        ...host.notice,
        text: `${host.notice.text} ${host.terms.recoveryLeft(left)}`,
      };
    }
    return;
  }
  const input = host.querySelector<HTMLInputElement>('input[name=code]');
  if (input) input.value = '';
  if (!step.transaction && host.current === step && host.notice?.error) {
    // The password or the code was wrong (the server does not say which): both again.
    held.delete(host);
    wanted.set(host, step.factor);
    const n = host.notice;
    host.current = { kind: 'password' };
    host.notice = n;
  }
}

/** The light-DOM form of the code step. */
export function factorForm(host: FactorHost): TemplateResult | typeof nothing {
  const step = host.current;
  if (step.kind !== 'code' || !('factor' in step)) return nothing;
  const n = host.notice;
  const others = step.transaction ? available(step.factors, step.factor) : [];
  return renderCodeForm({
    t: host.terms,
    factor: step.factor,
    disabled: host.busy,
    id: host.uid,
    error: n?.error ? n.text : '',
    onSubmit: (e) => void submitCode(host, e),
    links: [
      ...(others.length > 0
        ? [{ label: host.terms.anotherWay, onClick: () => choose(host, step.transaction, others) }]
        : []),
      { label: host.terms.startAgain, onClick: () => host.reload() },
    ],
  });
}

const available = (factors: FactorOffer[] | undefined, current: FactorChoiceName | null) =>
  otherChoices(factors, current, passkeys?.available() ?? false);

/**
 * The shadow-DOM panel of the choices, and "Use another way" under the access pass step (after
 * the password). The code step's links are in its form.
 */
export function factorPanel(host: FactorHost): TemplateResult | typeof nothing {
  const t = host.terms;
  const step = host.current;
  if (step.kind === 'choose' && 'factors' in step) {
    return renderChoices(t, available(step.factors, null), (f) => onChoose(host, step, f));
  }
  if (step.kind === 'pending' && step.pending) {
    const { transaction, factors } = step.pending;
    const others = available(factors, 'secsign');
    return renderAnotherWay(t, others.length > 0, () => choose(host, transaction, others));
  }
  return nothing;
}

/** "Use another way" inside the SecSign ID form (mode `2fa`, before the password): light DOM. */
export function formExtra(host: FactorHost): TemplateResult | typeof nothing {
  const others = available(host.zone?.factors, 'secsign');
  if (host.current.kind !== 'secsign-id' || others.length === 0) return nothing;
  return html`<button class="ipsz-link" type="button" @click=${() => choose(host, null, others)}>
    ${host.terms.anotherWay}
  </button>`;
}
