/**
 * Authenticator apps (TOTP) on the admin and profile pages: their names, and their part of the
 * profile's "Second factors" card — the user's apps (remove) and adding one: the server's QR code
 * shown as an image (never put into the page as markup), the key to type, and the first code from
 * the app, which confirms it (a wrong one is shown at its field). In "Confirm it's you", a code
 * from the app.
 */
import { html } from 'lit';
import type { Answer } from '../../api.js';
import { when } from '../../terms.js';
import { formText } from '../../../widget/form-text.js';
import { factorTerms } from '../factor-terms.js';
import type { FactorsCardHost, FactorView, Part } from '../factor-view.js';

const en = {
  authApp: 'Authenticator app',
  policyLabel: 'Authenticator app (with the password)',
  noFactors: 'No authenticator app yet.',
  addAuthApp: 'Add an authenticator app',
  scanQr:
    'Scan this QR code with your authenticator app (or type the key below into it), then type the 6-digit code the app shows.',
  qrAlt: 'QR code for your authenticator app',
  manualKey: 'Key',
  appLabel: 'Name (e.g. “Work phone”)',
  firstCode: 'Code from the app',
  confirmApp: 'Confirm',
  factorAdded: 'Authenticator app added. Your other sessions were ended.',
  factorRemoved: 'Removed. Your other sessions were ended.',
  confirmCode: 'Code from your authenticator app',
};

const de: typeof en = {
  authApp: 'Authenticator-App',
  policyLabel: 'Authenticator-App (mit dem Passwort)',
  noFactors: 'Noch keine Authenticator-App.',
  addAuthApp: 'Authenticator-App hinzufügen',
  scanQr:
    'Scannen Sie diesen QR-Code mit Ihrer Authenticator-App (oder geben Sie den Schlüssel unten dort ein) und tippen Sie dann den 6-stelligen Code ein, den die App zeigt.',
  qrAlt: 'QR-Code für Ihre Authenticator-App',
  manualKey: 'Schlüssel',
  appLabel: 'Name (z. B. „Diensthandy“)',
  firstCode: 'Code aus der App',
  confirmApp: 'Bestätigen',
  factorAdded: 'Authenticator-App hinzugefügt. Ihre anderen Sitzungen wurden beendet.',
  factorRemoved: 'Entfernt. Ihre anderen Sitzungen wurden beendet.',
  confirmCode: 'Code aus Ihrer Authenticator-App',
};

const words = (code: string) => (code === 'de' ? de : en);

/** `POST /api/me/factors/totp`: the QR code, the key and the token the first code goes with. */
type Enrolment = Answer<'POST', '/api/me/factors/:factor'>;

/** The apps and the enrolment, in the card; its state is the enrolment under way. */
class TotpPart implements Part {
  private enrolment: Enrolment | null = null;
  private codeError = '';

  constructor(private readonly host: FactorsCardHost) {}

  private get w() {
    return words(this.host.terms.code);
  }

  private set(patch: { enrolment?: Enrolment | null; codeError?: string }) {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  onError(e: unknown): boolean {
    const code = (e as { code?: string }).code;
    if (this.enrolment && (code === 'invalid_code' || code === 'invalid_input')) {
      this.set({ codeError: this.host.terms.errors.invalid_code! });
      return this.host.focusField('code');
    }
    return false;
  }

  private begin = async () => {
    this.host.setFreshCodes(null);
    const h = this.host;
    const e = await h.run(() =>
      h.api.send('POST', '/api/me/factors/:factor', { param: { factor: 'totp' } }),
    );
    if (e) this.set({ enrolment: e });
  };

  private confirm = async (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    const h = this.host;
    this.set({ codeError: '' });
    const r = await h.run(
      () =>
        h.api.send('POST', '/api/me/factors/:factor/confirm', {
          param: { factor: 'totp' },
          json: {
            enrolment: this.enrolment!.enrolment,
            code: formText(data, 'code'),
            label: formText(data, 'label'),
          },
        }),
      this.w.factorAdded,
    );
    if (!r) return;
    this.enrolment = null;
    const { recoveryCodes, waitingApproval, ...factors } = r;
    if (waitingApproval === true) {
      // Held for an administrator's approval: not "added". `true` says only that; the card's
      // line of what waits (which app, since when) comes with the factors read again.
      await h.reload();
      h.say('warn', factorTerms(h.terms.code).sentForApproval);
    } else h.setFactors({ ...factors, waitingApproval });
    h.setFreshCodes(recoveryCodes);
  };

  private async remove(id: number) {
    const h = this.host;
    const r = await h.run(
      () => h.api.send('DELETE', '/api/me/factors/:id', { param: { id } }),
      this.w.factorRemoved,
    );
    if (r) h.setFactors(r);
  }

  private renderEnrolment(e: Enrolment) {
    const t = this.host.terms;
    const w = this.w;
    const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qrSvg)}`;
    return html`<div data-enrolment>
      <p>${w.scanQr}</p>
      <img class="qr" src=${src} alt=${w.qrAlt} width="200" height="200" />
      <p>${w.manualKey}: <code class="key" data-key>${e.secret}</code></p>
      <form class="row" @submit=${this.confirm}>
        <label class="field"
          >${w.appLabel}<input name="label" maxlength="100" autocomplete="off"
        /></label>
        <label class="field"
          >${w.firstCode}
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
        <button class="primary" type="submit" ?disabled=${this.host.busy}>${w.confirmApp}</button>
        <button type="button" @click=${() => this.set({ enrolment: null })}>${t.cancel}</button>
      </form>
    </div>`;
  }

  render() {
    const h = this.host;
    const t = h.terms;
    const w = this.w;
    const ft = factorTerms(t.code);
    const f = h.factors();
    const apps = f?.factors.filter((x) => x.factor === 'totp') ?? [];
    return html`${
      f && apps.length === 0
        ? html`<p data-no-factors>${w.noFactors}</p>`
        : html`<ul class="factors">
            ${apps.map(
              (x) =>
                html`<li data-factor=${x.factor}>
                  <span
                    >${w.authApp}${x.label ? ` – ${x.label}` : ''}
                    <span class="hint">${ft.addedOn(when(t, x.createdAt))}</span></span
                  >
                  <button @click=${() => this.remove(x.id)} ?disabled=${h.busy}>
                    ${ft.removeFactor}
                  </button>
                </li>`,
            )}
          </ul>`
    }
    ${
      this.enrolment
        ? this.renderEnrolment(this.enrolment)
        : html`<button class="primary" data-add-totp @click=${this.begin} ?disabled=${h.busy}>
            ${w.addAuthApp}
          </button>`
    }`;
  }
}

export const view: FactorView = {
  name: 'totp',
  policyLabel: (code) => words(code).policyLabel,
  itemLabel: (code) => words(code).authApp,
  cardPart: (host) => new TotpPart(host),
  confirmWay: (host) => ({
    render: () => host.codeForm('totp', words(host.terms.code).confirmCode, true),
  }),
};
