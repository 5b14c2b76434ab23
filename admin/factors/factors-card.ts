/**
 * `<ipsz-factors-card>`: the profile page's "Second factors" — the user's authenticator apps
 * (remove; passkeys have their own section, `passkeys-section.ts`), adding an authenticator app (QR code and key, confirmed by the first code),
 * the recovery codes left and a new set (shown once). Who may do what is the server's one rule
 * (server/domain/enrolment-rules.ts); refusals are shown in plain words. The QR code is the
 * server's SVG shown as an image (never put into the page as markup).
 */
import { css, html, nothing } from 'lit';
import type { Factors, TotpEnrolment } from '../api.js';
import { SectionBase } from '../section-base.js';
import { pageStyles } from '../styles.js';
import { when } from '../terms.js';
import { formText } from '../../widget/form-text.js';
import { factorTerms } from './factor-terms.js';

type Enrolment = Omit<TotpEnrolment, 'expiresAt'> & { expiresAt: string };

export class FactorsCard extends SectionBase {
  static override styles = [
    pageStyles,
    css`
      .qr {
        width: 200px;
        height: 200px;
        background: #fff;
      }
      .codes {
        columns: 2;
        font-family: ui-monospace, monospace;
        font-size: 1.1em;
      }
      code.key {
        overflow-wrap: anywhere;
      }
      ul.factors {
        padding: 0;
        list-style: none;
      }
      ul.factors li {
        display: flex;
        gap: 12px;
        align-items: center;
        padding: 4px 0;
      }
    `,
  ];

  static override properties = {
    ...SectionBase.properties,
    factors: { state: true },
    enrolment: { state: true },
    codes: { state: true },
    codeError: { state: true },
  };
  private factors: Factors | null = null;
  private enrolment: Enrolment | null = null;
  /** Recovery codes just made: shown this once. */
  private codes: string[] | null = null;
  private codeError = '';

  private get ft() {
    return factorTerms(this.terms.code);
  }

  protected override async load() {
    const f = await this.run(() => this.api.get<Factors>('/api/me/factors'));
    if (f) this.factors = f;
  }

  protected override onError(e: unknown): boolean {
    const code = (e as { code?: string }).code;
    if (this.enrolment && (code === 'invalid_code' || code === 'invalid_input')) {
      this.codeError = this.terms.errors.invalid_code!;
      return this.focusField('code');
    }
    return false;
  }

  private async begin() {
    this.codes = null;
    const e = await this.run(() => this.api.send<Enrolment>('POST', '/api/me/factors/totp'));
    if (e) this.enrolment = e;
  }

  private async confirm(ev: Event) {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    this.codeError = '';
    const r = await this.run(
      () =>
        this.api.send<Factors & { recoveryCodes: string[] | null }>(
          'POST',
          '/api/me/factors/totp/confirm',
          {
            enrolment: this.enrolment!.enrolment,
            code: formText(data, 'code'),
            label: formText(data, 'label'),
          },
        ),
      this.ft.factorAdded,
    );
    if (!r) return;
    this.enrolment = null;
    this.factors = r;
    this.codes = r.recoveryCodes;
  }

  private async removeFactor(id: number) {
    const r = await this.run(
      () => this.api.send<Factors>('DELETE', `/api/me/factors/${id}`),
      this.ft.factorRemoved,
    );
    if (r) this.factors = r;
  }

  private async newCodes() {
    const r = await this.run(() =>
      this.api.send<{ recoveryCodes: string[] }>('POST', '/api/me/recovery-codes'),
    );
    if (!r) return;
    this.codes = r.recoveryCodes;
    await this.load();
  }

  private renderEnrolment(e: Enrolment) {
    const t = this.terms;
    const ft = this.ft;
    const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qrSvg)}`;
    return html`<div data-enrolment>
      <p>${ft.scanQr}</p>
      <img class="qr" src=${src} alt=${ft.qrAlt} width="200" height="200" />
      <p>${ft.manualKey}: <code class="key" data-key>${e.secret}</code></p>
      <form class="row" @submit=${this.confirm}>
        <label class="field"
          >${ft.appLabel}<input name="label" maxlength="100" autocomplete="off"
        /></label>
        <label class="field"
          >${ft.firstCode}
          <input
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
            maxlength="7"
            aria-invalid=${this.codeError ? 'true' : 'false'}
            aria-describedby="code-err"
          />
          <span id="code-err" class="field-error">${this.codeError}</span>
        </label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${ft.confirmApp}</button>
        <button type="button" @click=${() => (this.enrolment = null)}>${t.cancel}</button>
      </form>
    </div>`;
  }

  override render() {
    const t = this.terms;
    const ft = this.ft;
    const f = this.factors;
    const apps = f?.factors.filter((x) => x.factor === 'totp') ?? [];
    return html`<section class="card" aria-labelledby="factors">
      <h2 id="factors">${ft.factorsTitle}</h2>
      <p class="hint">${ft.factorsIntro}</p>
      ${this.renderStatus()}
      ${
        f && apps.length === 0
          ? html`<p data-no-factors>${ft.noFactors}</p>`
          : html`<ul class="factors">
              ${apps.map(
                (x) =>
                  html`<li data-factor=${x.factor}>
                    <span
                      >${ft.authApp}${x.label ? ` – ${x.label}` : ''}
                      <span class="hint">${ft.addedOn(when(t, x.createdAt))}</span></span
                    >
                    <button @click=${() => this.removeFactor(x.id)} ?disabled=${this.busy}>
                      ${ft.removeFactor}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      ${
        this.enrolment
          ? this.renderEnrolment(this.enrolment)
          : html`<button class="primary" data-add-totp @click=${this.begin} ?disabled=${this.busy}>
              ${ft.addAuthApp}
            </button>`
      }
      <h3>${ft.recoveryTitle}</h3>
      ${f ? html`<p data-recovery-left>${ft.recoveryLeft(f.recoveryCodesLeft)}</p>` : nothing}
      ${
        this.codes
          ? html`<div role="alert" data-recovery-codes>
              <p>${ft.recoveryShowOnce}</p>
              <ol class="codes">
                ${this.codes.map((c) => html`<li><code>${c}</code></li>`)}
              </ol>
            </div>`
          : nothing
      }
      ${
        f && (f.factors.length > 0 || f.secSignId)
          ? html`<button data-new-codes @click=${this.newCodes} ?disabled=${this.busy}>
              ${ft.newRecoveryCodes}
            </button>`
          : nothing
      }
    </section>`;
  }
}
if (!customElements.get('ipsz-factors-card'))
  customElements.define('ipsz-factors-card', FactorsCard);
