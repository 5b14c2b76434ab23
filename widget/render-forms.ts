/**
 * The form steps, rendered into the element's LIGHT DOM (slot `form`): a real `<form>` whose
 * inputs carry `autocomplete` tokens, so browsers' and extensions' password managers find, fill
 * and save them — inputs inside a shadow root are missed by many of them. Labels wrap their input,
 * so no document-wide ids are needed when a page holds two elements.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Terms } from './terms.js';

/** What a form step needs from the element. */
export interface FormView {
  t: Terms;
  /** `password`: username and password (modes `password`, `2sa`); `secsign-id`: mode `2fa`. */
  kind: 'password' | 'secsign-id';
  /** Prefill for the first field. */
  value: string;
  /** A request is running or the user is locked out: submitting is off. */
  disabled: boolean;
  onSubmit: (e: SubmitEvent) => void;
}

/**
 * The form of a step. The SecSign ID names the user, hence `autocomplete="username"` on it too;
 * no step has the user type a code, so `one-time-code` is not used.
 */
export function renderForm(v: FormView): TemplateResult {
  const { t } = v;
  const pw = v.kind === 'password';
  return html`<form
    slot="form"
    class="ipsz-form"
    method="post"
    lang=${t.code}
    @submit=${v.onSubmit}
  >
    <label class="ipsz-field"
      ><span class="ipsz-label">${pw ? t.username : t.secSignId}</span
      ><input
        class="ipsz-input"
        name=${pw ? 'username' : 'secSignId'}
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        required
        value=${v.value}
    /></label>
    ${
      pw
        ? html`<label class="ipsz-field"
            ><span class="ipsz-label">${t.password}</span
            ><input
              class="ipsz-input"
              type="password"
              name="password"
              autocomplete="current-password"
              required
          /></label>`
        : nothing
    }
    <button class="ipsz-submit" type="submit" ?disabled=${v.disabled}>
      ${pw ? t.signIn : t.next}
    </button>
  </form>`;
}
