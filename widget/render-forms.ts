/**
 * The form steps, rendered into the element's LIGHT DOM (slot `form`): a real `<form>` whose
 * inputs carry `autocomplete` tokens, so browsers' and extensions' password managers find, fill
 * and save them — inputs inside a shadow root are missed by many of them. Labels wrap their input,
 * so no document-wide ids are needed for them; the one id (the error text that `aria-describedby`
 * names) carries a prefix unique to the element, so a page may hold two.
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
  /** A request is running or this name is locked out: submitting is off. */
  disabled: boolean;
  /** Prefix for ids, unique per element. */
  id: string;
  /** The error the fields are in (described by it, `aria-invalid`), or empty. */
  error: string;
  showPassword: boolean;
  remember: boolean;
  onSubmit: (e: SubmitEvent) => void;
  onInput: (e: Event) => void;
  onShowPassword: (e: Event) => void;
  /** Rendered after the submit button ("Use another way", factor-flow.ts). */
  extra?: unknown;
}

const check = (label: string, name: string, on: boolean, onChange?: (e: Event) => void) =>
  html`<label class="ipsz-check"
    ><input type="checkbox" name=${name} .checked=${on} @change=${onChange} /><span
      >${label}</span
    ></label
  >`;

/**
 * The form of a step. The SecSign ID names the user, hence `autocomplete="username"` on it too;
 * no step has the user type a code, so `one-time-code` is not used.
 */
export function renderForm(v: FormView): TemplateResult {
  const { t } = v;
  const pw = v.kind === 'password';
  const err = v.error ? `${v.id}-error` : nothing;
  const invalid = v.error ? 'true' : nothing;
  return html`<form
    slot="form"
    class="ipsz-form"
    method="post"
    lang=${t.code}
    @submit=${v.onSubmit}
    @input=${v.onInput}
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
        aria-invalid=${invalid}
        aria-describedby=${err}
        value=${v.value}
    /></label>
    ${
      pw
        ? html`<label class="ipsz-field"
              ><span class="ipsz-label">${t.password}</span
              ><input
                class="ipsz-input"
                type=${v.showPassword ? 'text' : 'password'}
                name="password"
                autocomplete="current-password"
                required
                aria-invalid=${invalid}
                aria-describedby=${err}
            /></label>
            ${check(t.showPassword, 'show', v.showPassword, v.onShowPassword)}`
        : nothing
    }
    ${check(t.remember, 'remember', v.remember)}
    <span class="ipsz-error" id="${v.id}-error">${v.error}</span>
    <button class="ipsz-submit" type="submit" ?disabled=${v.disabled}>
      ${pw ? t.signIn : t.next}
    </button>
    ${v.extra ?? nothing}
  </form>`;
}
