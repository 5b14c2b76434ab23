/**
 * `<ipsz-reauth-dialog>`: the profile's "Confirm it's you" (issue 23, item 2). A change of the
 * user's sign-in methods from a session whose sign-in is older than `IPSAFEZONE_REAUTH_MINUTES`
 * is refused (`reauthentication_required`); the section that asked opens this modal dialog
 * (`ask()`, through the page's `ipsz-confirm` event, section-base.ts), the user confirms with a
 * factor they have — SecSign ID (access pass, polled), a passkey, an authenticator or recovery
 * code; the password only when they have none — and the change is made again. Cancel (or Escape)
 * leaves it undone.
 */
import { css, html, LitElement, nothing } from 'lit';
import type { ApiError, PageApi } from '../api.js';
import type { ReauthAnswer } from '../../server/profile-api/reauth.js';
import type { SecSignPending } from '../../server/login/api-types.js';
import { pageStyles } from '../styles.js';
import { errorText, type Terms } from '../terms.js';
import { reauthTerms } from './reauth-terms.js';
import { formText } from '../../widget/form-text.js';

type Confirmed = { status: 'confirmed' };
type Polled = Confirmed | { status: 'secsign_pending'; pollAfterMs?: number };

export class ReauthDialog extends LitElement {
  static override styles = [
    pageStyles,
    css`
      dialog {
        max-width: min(440px, 92vw);
        border: 1px solid var(--_border, #dfe1e6);
        border-radius: 6px;
        padding: 20px;
        color: inherit;
        background: var(--_surface, #fff);
      }
      dialog::backdrop {
        background: rgb(9 30 66 / 54%);
      }
      form,
      .way {
        margin: 12px 0;
      }
      .pass {
        display: block;
        margin: 8px auto;
      }
    `,
  ];

  static override properties = {
    api: { attribute: false },
    terms: { attribute: false },
    info: { state: true },
    error: { state: true },
    busy: { state: true },
    pending: { state: true },
  };
  api!: PageApi;
  terms!: Terms;
  private info: ReauthAnswer | null = null;
  private error = '';
  private busy = false;
  private pending: SecSignPending | null = null;
  private settle: ((ok: boolean) => void) | null = null;
  private reason = 'reauthentication_required';
  private polling = 0;

  private get rt() {
    return reauthTerms(this.terms?.code ?? 'en');
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /**
   * Opens the dialog for a refusal (`reason`: `reauthentication_required`, or
   * `second_factor_required` — which only a second factor can lift: a user who has none is not
   * asked); resolves true once this session is confirmed, false when cancelled.
   */
  async ask(reason = 'reauthentication_required'): Promise<boolean> {
    this.settle?.(false);
    this.error = '';
    this.pending = null;
    this.reason = reason;
    try {
      this.info = await this.api.get<ReauthAnswer>('/api/me/reauth');
    } catch (e) {
      this.info = null;
      this.error = errorText(this.terms, e);
    }
    if (reason === 'second_factor_required' && this.info?.methods.includes('password')) {
      return false;
    }
    await this.updateComplete;
    this.dialog.showModal();
    return new Promise<boolean>((resolve) => (this.settle = resolve));
  }

  private finish(ok: boolean) {
    clearTimeout(this.polling);
    this.pending = null;
    if (this.dialog.open) this.dialog.close();
    const settle = this.settle;
    this.settle = null;
    settle?.(ok);
  }

  private async attempt(work: () => Promise<Polled>) {
    this.busy = true;
    this.error = '';
    try {
      const r = await work();
      if (r.status === 'confirmed') this.finish(true);
    } catch (e) {
      this.error =
        (e as { code?: string }).code === 'passkey_canceled'
          ? this.rt.passkeyCanceled
          : errorText(this.terms, e as ApiError);
    } finally {
      this.busy = false;
    }
  }

  private submitCode(factor: 'totp' | 'recovery_code' | 'password') {
    return (e: SubmitEvent) => {
      e.preventDefault();
      const value = formText(new FormData(e.target as HTMLFormElement), 'secret');
      void this.attempt(() =>
        factor === 'password'
          ? this.api.send<Confirmed>('POST', '/api/me/reauth/password', { password: value })
          : this.api.send<Confirmed>('POST', '/api/me/reauth/code', { factor, code: value.trim() }),
      );
    };
  }

  private withPasskey = () =>
    this.attempt(async () => {
      const start = await this.api.send<{
        transaction: string;
        options: PublicKeyCredentialRequestOptionsJSON;
      }>('POST', '/api/me/reauth/passkey/options');
      let credential: Credential | null = null;
      try {
        credential = await navigator.credentials.get({
          publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(start.options),
        });
      } catch {
        credential = null;
      }
      if (!(credential instanceof PublicKeyCredential)) {
        throw Object.assign(new Error('canceled'), { code: 'passkey_canceled' });
      }
      return this.api.send<Confirmed>('POST', '/api/me/reauth/passkey', {
        transaction: start.transaction,
        credential: credential.toJSON() as unknown,
      });
    });

  private withSecSign = () =>
    this.attempt(async () => {
      this.pending = await this.api.send<SecSignPending>('POST', '/api/me/reauth/secsign');
      this.poll(this.pending.pollAfterMs);
      return { status: 'secsign_pending' };
    });

  private poll(afterMs = 2000) {
    clearTimeout(this.polling);
    this.polling = window.setTimeout(() => {
      const p = this.pending;
      if (!p) return;
      void this.attempt(async () => {
        const r = await this.api
          .send<Polled>('POST', '/api/me/reauth/secsign/status', { transaction: p.transaction })
          .catch((e: unknown) => {
            this.pending = null;
            throw e;
          });
        if (r.status === 'secsign_pending') this.poll(r.pollAfterMs);
        return r;
      });
    }, afterMs);
  }

  private renderCodeForm(factor: 'totp' | 'recovery_code' | 'password', label: string) {
    const password = factor === 'password';
    return html`<form class="row" @submit=${this.submitCode(factor)} data-confirm=${factor}>
      <label class="field grow"
        >${label}
        <input
          name="secret"
          type=${password ? 'password' : 'text'}
          autocomplete=${password ? 'current-password' : 'one-time-code'}
          inputmode=${factor === 'totp' ? 'numeric' : 'text'}
          required
        />
      </label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.rt.confirm}</button>
    </form>`;
  }

  private renderWays() {
    const rt = this.rt;
    const methods = this.info?.methods ?? [];
    const p = this.pending;
    if (p) {
      return html`<div class="way" data-confirm="secsign-pending">
        <p>${rt.secSignHint(p.secSignId)}</p>
        ${
          p.accessPass?.startsWith('data:image/')
            ? html`<img
                class="pass"
                src=${p.accessPass}
                alt=${rt.accessPassAlt}
                width="88"
                height="88"
              />`
            : nothing
        }
        <p class="hint">${rt.waiting}</p>
      </div>`;
    }
    return html`${
      methods.includes('secsign')
        ? html`<p class="way">
            <button
              class="primary"
              data-confirm="secsign"
              @click=${this.withSecSign}
              ?disabled=${this.busy}
            >
              ${rt.withSecSign}
            </button>
          </p>`
        : nothing
    }
    ${
      methods.includes('passkey')
        ? html`<p class="way">
            <button data-confirm="passkey" @click=${this.withPasskey} ?disabled=${this.busy}>
              ${rt.withPasskey}
            </button>
          </p>`
        : nothing
    }
    ${methods.includes('totp') ? this.renderCodeForm('totp', rt.appCode) : nothing}
    ${methods.includes('recovery_code') ? this.renderCodeForm('recovery_code', rt.recoveryCode) : nothing}
    ${methods.includes('password') ? this.renderCodeForm('password', rt.password) : nothing}`;
  }

  override render() {
    const rt = this.rt;
    return html`<dialog
      aria-labelledby="reauth-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.finish(false);
      }}
      lang=${this.terms?.code ?? 'en'}
    >
      <h2 id="reauth-title">${rt.confirmTitle}</h2>
      <p>
        ${
          this.reason === 'second_factor_required'
            ? rt.confirmFactorIntro
            : rt.confirmIntro(this.info?.windowMinutes ?? 5)
        }
      </p>
      ${this.renderWays()}
      <div role="alert">${this.error ? html`<p class="msg error">${this.error}</p>` : nothing}</div>
      <p class="row">
        <button type="button" data-confirm="cancel" @click=${() => this.finish(false)}>
          ${rt.cancel}
        </button>
      </p>
    </dialog>`;
  }
}
if (!customElements.get('ipsz-reauth-dialog'))
  customElements.define('ipsz-reauth-dialog', ReauthDialog);

declare global {
  interface HTMLElementTagNameMap {
    'ipsz-reauth-dialog': ReauthDialog;
  }
}
