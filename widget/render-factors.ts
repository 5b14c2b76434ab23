/**
 * The second-factor choices ("Use another way") and the code step (authenticator app or recovery
 * code). The choices are buttons in the shadow root; the code form goes into the LIGHT DOM like
 * the other forms, with `autocomplete="one-time-code"` so phones offer the code. Pure functions of
 * what they are given; part of the step chunk (steps.ts), so the first load does not grow.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FactorChoiceName, FactorOffer } from './factor-choices.js';
import { renderAction } from './render-panels.js';
import type { Terms } from './terms.js';

/** The list of choices, each a button naming the factor. */
export function renderChoices(
  t: Terms,
  factors: readonly FactorOffer[],
  onChoose: (f: FactorChoiceName) => void,
): TemplateResult {
  return html`<div part="choices" class="row choices" role="group" aria-label=${t.chooseHint}>
    ${factors.map((o) =>
      renderAction(t.factorNames[o.factor], `choice-button choice-${o.factor}`, () =>
        onChoose(o.factor),
      ),
    )}
  </div>`;
}

/** "Use another way", when there is another way. */
export const renderAnotherWay = (t: Terms, show: boolean, onClick: () => void) =>
  show ? renderAction(t.anotherWay, 'another-way-button', onClick, false) : nothing;

export interface CodeView {
  t: Terms;
  factor: 'totp' | 'recovery_code';
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
  const totp = v.factor === 'totp';
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
      ><span class="ipsz-label">${t.codeLabel[v.factor]}</span
      ><input
        class="ipsz-input"
        name="code"
        autocomplete=${totp ? 'one-time-code' : 'off'}
        inputmode=${totp ? 'numeric' : 'text'}
        pattern=${totp ? '[0-9 ]{6,7}' : nothing}
        maxlength=${totp ? 7 : 13}
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
