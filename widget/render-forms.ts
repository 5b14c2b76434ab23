/**
 * The form steps, rendered into the element's LIGHT DOM (slot `form`): a real `<form>` whose
 * inputs carry `autocomplete` tokens, so browsers' and extensions' password managers find, fill
 * and save them — inputs inside a shadow root are missed by many of them. Labels wrap their input,
 * so no document-wide ids are needed for them; the one id (the error text that `aria-describedby`
 * names) carries a prefix unique to the element, so a page may hold two.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Terms } from './terms.js';
import { loadPasskeyChoice, type FactorOffer } from './factor-choices.js';
import type { SignedIn } from '../server/login/api-types.js';

/** A passkey counts alone from here (`GET /api/zone`'s offers) and this browser has WebAuthn. */
const passkeyOffered = (offers: readonly FactorOffer[] | undefined): boolean =>
  typeof PublicKeyCredential === 'function' &&
  !!offers?.some((o) => o.factor === 'passkey' && !o.withPassword);

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
  /** The second factors the zone answer offers; a passkey alone shows "Sign in with a passkey". */
  offers?: readonly FactorOffer[] | undefined;
  /** The backend's origin (the element's `server`), for the passkey chunk. */
  server: string;
  /** Runs a login step the way the element's own forms do (busy, errors, success). */
  run: (step: (signal: AbortSignal) => Promise<SignedIn>) => void;
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
    ${
      passkeyOffered(v.offers)
        ? html`<button
            class="ipsz-submit ipsz-passkey"
            type="button"
            ?disabled=${v.disabled}
            @click=${() =>
              v.run((signal) =>
                loadPasskeyChoice().then((c) =>
                  c.signIn({ server: v.server, transaction: null, username: '', signal }),
                ),
              )}
          >
            ${t.passkey}
          </button>`
        : nothing
    }
  </form>`;
}
