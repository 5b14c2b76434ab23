/**
 * The code step shared by the code factors (authenticator app: totp.ts, recovery code:
 * recovery-code.ts): the form goes into the LIGHT DOM like the other forms, its field as the
 * factor's view says (`autocomplete="one-time-code"` for the app's code so phones offer it), and posts
 * `POST /api/login/code` (after the password) or, in mode `2fa`, the held password with the code.
 * `renderCodeForm` is a pure function of what it is given.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formText } from '../form-text.js';
import { otherWays } from '../login-state.js';
import type { CodeFactor } from '../login-types.js';
import type { FactorView, FactorWords, StepView } from '../step-view.js';
import type { Terms } from '../terms.js';

/** How a code factor's field takes its code (a 6-digit app code, a longer typed one). */
export interface CodeInput {
  autocomplete: string;
  inputmode: string;
  /** The characters allowed, or null for any. */
  pattern: string | null;
  maxlength: number;
}

/** A code typed from a list or a letter (a recovery code): any characters, not offered by phones. */
const TYPED: CodeInput = { autocomplete: 'off', inputmode: 'text', pattern: null, maxlength: 13 };

export interface CodeView {
  t: Terms;
  factor: CodeFactor;
  input: CodeInput;
  /** The field's label. */
  label: string;
  disabled: boolean;
  id: string;
  error: string;
  onSubmit: (e: SubmitEvent) => void;
  /** Links under the button ("Use another way", "Start again"). */
  links: { label: string; onClick: () => void }[];
}

/** The code form (light DOM). */
export function renderCodeForm(v: CodeView): TemplateResult {
  const { t } = v;
  const { input } = v;
  const err = v.error ? `${v.id}-error` : nothing;
  return html`<form
    slot="form"
    class="ipsz-form"
    method="post"
    lang=${t.code}
    data-factor=${v.factor}
    @submit=${v.onSubmit}
  >
    <label class="ipsz-field"
      ><span class="ipsz-label">${v.label}</span
      ><input
        class="ipsz-input"
        name="code"
        autocomplete=${input.autocomplete}
        inputmode=${input.inputmode}
        pattern=${input.pattern ?? nothing}
        maxlength=${input.maxlength}
        autocapitalize="none"
        spellcheck="false"
        required
        aria-invalid=${v.error ? 'true' : nothing}
        aria-describedby=${err}
    /></label>
    <span class="ipsz-error" id="${v.id}-error">${v.error}</span>
    <button class="ipsz-submit" type="submit" ?disabled=${v.disabled}>${t.confirm}</button>
    ${v.links.map(
      (l) => html`<button class="ipsz-link" type="button" @click=${l.onClick}>${l.label}</button>`,
    )}
  </form>`;
}

/** The view of a code factor: its words, its field's kind, and its form on the code step. */
export const codeView = (
  factor: CodeFactor,
  words: { en: FactorWords; de: FactorWords },
  input: CodeInput = TYPED,
): FactorView => ({
  words: (lang) => (lang === 'de' ? words.de : words.en),
  form(v: StepView) {
    const { t, state, send } = v;
    const step = state.step;
    if (step.kind !== 'code' || step.factor !== factor) return nothing;
    const another = { label: t.anotherWay, onClick: () => send({ type: 'another-way' }) };
    return renderCodeForm({
      t,
      factor,
      input,
      label: (t.code === 'de' ? words.de : words.en).label ?? '',
      disabled: state.busy,
      id: v.id,
      error: v.notice?.error ? v.notice.text : '',
      onSubmit: (e) => {
        e.preventDefault();
        const code = formText(new FormData(e.target as HTMLFormElement), 'code').trim();
        send({ type: 'submit-code', code });
      },
      links: [
        ...(otherWays(state).length > 0 ? [another] : []),
        { label: t.startAgain, onClick: () => send({ type: 'load' }) },
      ],
    });
  },
});
