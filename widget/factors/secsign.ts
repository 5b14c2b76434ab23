/**
 * SecSign ID's view (a chunk of its own, see index.ts): the access pass step in the element's
 * shadow root — the symbol, the countdown on the server's clock, the deep link on a phone, "Send a
 * new request" and Cancel. `renderPass` is a pure function of what it is given. The SecSign ID
 * form itself is the step chunk's (render-forms.ts): it is the first form of mode `2fa`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Pending } from '../api-types.js';

/** The pending answer of a SecSign ID challenge: its display (`server/factors/secsign/challenge.ts`). */
type SecSignPending = Extract<Pending, { factor: 'secsign' }>;
import { renderAction, spinner } from '../render-panels.js';
import type { FactorView, StepView } from '../step-view.js';
import { clockText, type Terms } from '../terms.js';

/** What the access pass step needs. */
export interface PassView {
  t: Terms;
  pending: SecSignPending;
  /** Seconds until `expiresAt`, measured on the server's clock. */
  secondsLeft: number;
  showDeepLink: boolean;
  onCancel: () => void;
  /** Sends a new request for the same SecSign ID; absent where that needs the password again. */
  onSendNew?: () => void;
}

/**
 * The access pass: symbol, countdown, deep link on a phone, Send a new request, Cancel. The
 * instruction itself is in the element's live region, so it is announced when the step starts.
 */
export function renderPass(v: PassView): TemplateResult {
  const { t, pending } = v;
  // Only a PNG data URL and SecSign's own scheme are ever put into the page.
  const src = pending.accessPass?.startsWith('data:image/') ? pending.accessPass : '';
  const link = pending.deepLink?.startsWith('com.secsign.secsignid:') ? pending.deepLink : '';
  return html`<div part="access-pass" class="pass">
    ${
      src
        ? html`<img part="access-pass-image" src=${src} alt=${t.passAlt} width="88" height="88" />`
        : nothing
    }
    <p part="countdown" class="wait" role="timer">
      ${spinner}${t.waiting(clockText(v.secondsLeft))}
    </p>
    ${
      v.showDeepLink && link
        ? html`<a part="button deep-link" class="button primary" href=${link}>${t.openApp}</a>`
        : nothing
    }
    <div class="row">
      ${v.onSendNew ? renderAction(t.sendNew, 'send-new-button', v.onSendNew, false) : nothing}
      ${renderAction(t.cancel, 'cancel-button', v.onCancel, false)}
    </div>
  </div>`;
}

const WORDS = { en: { name: 'SecSign ID' }, de: { name: 'SecSign ID' } };

export const view: FactorView = {
  words: (lang) => (lang === 'de' ? WORDS.de : WORDS.en),
  // Pick the symbol, or (access pass off) just confirm.
  waiting: (t, p) =>
    p.factor === 'secsign' ? (p.accessPass ? t.passHint : t.confirmHint)(p.secSignId) : '',
  panel(v: StepView) {
    const { state, send } = v;
    if (state.step.kind !== 'pending' || state.step.pending.factor !== 'secsign') return nothing;
    const { pending } = state.step;
    return renderPass({
      t: v.t,
      pending,
      secondsLeft: (Date.parse(pending.expiresAt) - v.now - v.skew) / 1000,
      showDeepLink: v.showDeepLink,
      onCancel: () => send({ type: 'cancel' }),
      onSendNew: state.zone?.mode === '2fa' ? () => send({ type: 'send-new' }) : undefined,
    });
  },
};
