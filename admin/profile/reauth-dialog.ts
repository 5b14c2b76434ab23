/**
 * `<ipsz-reauth-dialog>`: the profile's "Confirm it's you" (issue 23, item 2). A change of the
 * user's sign-in methods from a session whose sign-in is older than `IPSAFEZONE_REAUTH_MINUTES`
 * is refused (`reauthentication_required`); the section that asked opens this modal dialog
 * (`ask()`, through the page's `ipsz-confirm` event, section-base.ts), the user confirms with a
 * factor they have — each factor's way comes from its view (admin/factors/: SecSign ID's access
 * pass, polled; a passkey; an authenticator or recovery code), the password only when they have
 * none — and the change is made again. Cancel (or Escape) leaves it undone.
 */
import { css, html, LitElement, nothing } from 'lit';
import type { Answer, ApiError, PageApi } from '../api.js';
import { pageStyles } from '../styles.js';
import { errorText, type Terms } from '../terms.js';
import { reauthTerms } from './reauth-terms.js';
import { formText } from '../../widget/form-text.js';
import { loadFactorViews, type SecondFactorName } from '../factors/index.js';
import type {
  CodeFactorName,
  ConfirmHost,
  Confirming,
  ConfirmWay,
} from '../factors/factor-view.js';
import { liveBasics } from '../factors/live-basics.js';

/** `GET /api/me/reauth`: how recent the sign-in is, and the ways to confirm. */
type ReauthAnswer = Answer<'GET', '/api/me/reauth'>;

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
    ways: { state: true },
  };
  api!: PageApi;
  terms!: Terms;
  private info: ReauthAnswer | null = null;
  private error = '';
  private busy = false;
  /** Each factor's way to confirm, from its view (loaded with the first question). */
  private ways: { factor: SecondFactorName; way: ConfirmWay }[] | null = null;
  private settle: ((ok: boolean) => void) | null = null;
  private reason = 'reauthentication_required';

  /** What the factors' ways may see and do of this dialog. */
  private readonly host: ConfirmHost = this.hostForWays();

  private hostForWays(): ConfirmHost {
    const basics = liveBasics({
      api: () => this.api,
      terms: () => this.terms,
      busy: () => this.busy,
    });
    return Object.assign(basics, {
      attempt: (work: () => Promise<Confirming>) => this.attempt(work),
      codeForm: (factor: CodeFactorName, label: string, numeric?: boolean) =>
        this.renderCodeForm(factor, label, numeric),
      requestUpdate: () => this.requestUpdate(),
    });
  }

  /** The ways, once: every factor view that has one, in the registry's order. */
  private async loadWays() {
    if (this.ways) return;
    const views = await loadFactorViews();
    this.ways = views.flatMap((v) =>
      v.confirmWay ? [{ factor: v.name, way: v.confirmWay(this.host) }] : [],
    );
  }

  private stopWays() {
    for (const w of this.ways ?? []) w.way.stop?.();
  }

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
    this.stopWays();
    this.reason = reason;
    try {
      [this.info] = await Promise.all([this.api.get('/api/me/reauth'), this.loadWays()]);
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
    this.stopWays();
    if (this.dialog.open) this.dialog.close();
    const settle = this.settle;
    this.settle = null;
    settle?.(ok);
  }

  private async attempt(work: () => Promise<Confirming>) {
    this.busy = true;
    this.error = '';
    try {
      const r = await work();
      if (r.status === 'confirmed') this.finish(true);
    } catch (e) {
      this.error = errorText(this.terms, e as ApiError);
    } finally {
      this.busy = false;
    }
  }

  private submitCode(factor: CodeFactorName | 'password') {
    return (e: SubmitEvent) => {
      e.preventDefault();
      const value = formText(new FormData(e.target as HTMLFormElement), 'secret');
      void this.attempt(() =>
        factor === 'password'
          ? this.api.send('POST', '/api/me/reauth/password', { json: { password: value } })
          : this.api.send('POST', '/api/me/reauth/code', {
              json: { factor, code: value.trim() },
            }),
      );
    };
  }

  /** A form for a typed secret: the password, or a code of `factor` (`numeric`: digits only). */
  private renderCodeForm(factor: CodeFactorName | 'password', label: string, numeric = false) {
    const password = factor === 'password';
    return html`<form class="row" @submit=${this.submitCode(factor)} data-confirm=${factor}>
      <label class="field grow"
        >${label}
        <input
          name="secret"
          type=${password ? 'password' : 'text'}
          autocomplete=${password ? 'current-password' : 'one-time-code'}
          inputmode=${numeric ? 'numeric' : 'text'}
          required
        />
      </label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.rt.confirm}</button>
    </form>`;
  }

  private renderWays() {
    const methods: readonly string[] = this.info?.methods ?? [];
    const ways = (this.ways ?? []).filter((w) => methods.includes(w.factor));
    const waiting = ways.find((w) => w.way.waiting?.());
    if (waiting) return waiting.way.render();
    return html`${ways.map((w) => w.way.render())}
    ${methods.includes('password') ? this.renderCodeForm('password', this.rt.password) : nothing}`;
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
