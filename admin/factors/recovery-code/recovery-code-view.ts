/**
 * Recovery codes on the admin and profile pages: their names, the line about the codes a user has
 * left (users section), and their part of the profile's "Second factors" card — the codes left
 * and a new set, shown this once (also the first set, made when the first factor was added) —
 * and, in "Confirm it's you", a recovery code.
 */
import { html, nothing } from 'lit';
import type { FactorsCardHost, FactorView, Part } from '../factor-view.js';

const en = {
  policyLabel: 'Recovery code (with the password)',
  itemLabel: 'Recovery code',
  confirmCode: 'Recovery code',
  recoveryTitle: 'Recovery codes',
  recoveryLeft: (n: number) => `Unused recovery codes: ${n} of 10.`,
  newRecoveryCodes: 'Create new recovery codes',
  recoveryShowOnce:
    'Save these codes now — print them or keep them in a password manager: they are shown only this once. If your second factor is lost, each code works once, together with your password. Creating new codes ends these.',
};

const de: typeof en = {
  policyLabel: 'Wiederherstellungscode (mit dem Passwort)',
  itemLabel: 'Wiederherstellungscode',
  confirmCode: 'Wiederherstellungscode',
  recoveryTitle: 'Wiederherstellungscodes',
  recoveryLeft: (n) => `Unbenutzte Wiederherstellungscodes: ${n} von 10.`,
  newRecoveryCodes: 'Neue Wiederherstellungscodes erstellen',
  recoveryShowOnce:
    'Speichern Sie diese Codes jetzt – drucken Sie sie aus oder legen Sie sie in einem Passwortmanager ab: Sie werden nur dieses eine Mal gezeigt. Geht Ihr zweiter Faktor verloren, gilt jeder Code einmal, zusammen mit Ihrem Passwort. Neue Codes beenden diese.',
};

const words = (code: string) => (code === 'de' ? de : en);

/** The codes left, the new set shown once, and the button that makes one. */
class RecoveryCodesPart implements Part {
  constructor(private readonly host: FactorsCardHost) {}

  private newCodes = async () => {
    const h = this.host;
    const r = await h.run(() => h.api.send('POST', '/api/me/recovery-codes'));
    if (!r) return;
    h.setFreshCodes(r.recoveryCodes);
    await h.reload();
  };

  render() {
    const h = this.host;
    const w = words(h.terms.code);
    const f = h.factors();
    const codes = h.freshCodes();
    return html`<h3>${w.recoveryTitle}</h3>
      ${f ? html`<p data-recovery-left>${w.recoveryLeft(f.recoveryCodesLeft)}</p>` : nothing}
      ${
        codes
          ? html`<div role="alert" data-recovery-codes>
              <p>${w.recoveryShowOnce}</p>
              <ol class="codes">
                ${codes.map((c) => html`<li><code>${c}</code></li>`)}
              </ol>
            </div>`
          : nothing
      }
      ${
        f && (f.factors.length > 0 || f.secSignId)
          ? html`<button data-new-codes @click=${this.newCodes} ?disabled=${h.busy}>
              ${w.newRecoveryCodes}
            </button>`
          : nothing
      }`;
  }
}

export const view: FactorView = {
  name: 'recovery_code',
  policyLabel: (code) => words(code).policyLabel,
  itemLabel: (code) => words(code).itemLabel,
  summary: (f, code) =>
    f.recoveryCodesLeft > 0 ? words(code).recoveryLeft(f.recoveryCodesLeft) : null,
  cardPart: (host) => new RecoveryCodesPart(host),
  confirmWay: (host) => ({
    render: () => host.codeForm('recovery_code', words(host.terms.code).confirmCode),
  }),
};
