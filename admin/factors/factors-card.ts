/**
 * `<ipsz-factors-card>`: the profile page's "Second factors" — a card whose body is drawn by the
 * factors' views (`index.ts`, loaded lazily with the user's factors): the authenticator apps
 * (`totp/totp-view.ts`: remove, add with QR code and first code) and the recovery codes
 * (`recovery-code/recovery-code-view.ts`: how many are left, a new set shown once). Passkeys have
 * a card of their own. Who may do what is the server's one rule (server/domain/enrolment-rules.ts);
 * refusals are shown in plain words in the card's message line.
 */
import { css, html, nothing } from 'lit';
import { stamp } from '../stamp.js';
import type { Factors } from '../api.js';
import { SectionBase } from '../section-base.js';
import { pageStyles } from '../styles.js';
import { factorTerms } from './factor-terms.js';
import { loadFactorViews } from './index.js';
import type { FactorsCardHost, Part, PartHost } from './factor-view.js';

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
    codes: { state: true },
    parts: { state: true },
  };
  private factors: Factors | null = null;
  /** Recovery codes just made: shown this once. */
  private codes: string[] | null = null;
  /** Each factor's part of the card, once the views are loaded. */
  private parts: Part[] = [];

  /** What the parts may see and do of this card. */
  private readonly host: FactorsCardHost = Object.assign(
    Object.create(this.partHost()) as PartHost,
    {
      factors: () => this.factors,
      freshCodes: () => this.codes,
      setFreshCodes: (codes: string[] | null) => (this.codes = codes),
      setFactors: (factors: Factors) => (this.factors = factors),
      reload: () => this.load(),
    },
  );

  protected override async load() {
    const r = await this.run(() =>
      Promise.all([this.api.get('/api/me/factors'), loadFactorViews()]),
    );
    if (!r) return;
    const [factors, views] = r;
    if (this.parts.length === 0) {
      this.parts = views.flatMap((v) => (v.cardPart ? [v.cardPart(this.host)] : []));
    }
    this.factors = factors;
  }

  /**
   * Scrolls the card into view and focuses it (its heading names it to a screen reader): the
   * profile's `#second-factors`, where the enrolment prompt sends a user.
   */
  async reveal(): Promise<void> {
    await this.updateComplete;
    const section = this.renderRoot.querySelector<HTMLElement>('section');
    section?.scrollIntoView({ block: 'start' });
    section?.focus({ preventScroll: true });
  }

  /** Reads the factors again (after a change elsewhere on the page: a SecSign ID held, say). */
  refresh(): Promise<void> {
    return this.load();
  }

  protected override errorWords() {
    const words: Record<string, string> = {};
    for (const p of this.parts) Object.assign(words, p.errorWords?.(this.terms.code));
    return words;
  }

  protected override onError(e: unknown): boolean {
    return this.parts.some((p) => p.onError?.(e) ?? false);
  }

  /** A first factor held for an administrator's approval (the enrolment campaign). */
  private renderWaiting() {
    const w = this.factors?.waitingApproval;
    if (!w) return nothing;
    const ft = factorTerms(this.terms.code);
    const what = `${ft.kinds[w.factor] ?? w.factor}${w.label ? ` (“${w.label}”)` : ''}`;
    return html`<p class="msg warn" data-waiting>${ft.waiting(what, stamp(w.requestedAt))}</p>`;
  }

  override render() {
    const ft = factorTerms(this.terms.code);
    return html`<section class="card" aria-labelledby="factors" tabindex="-1">
      <h2 id="factors">${ft.factorsTitle}</h2>
      <p class="hint">${ft.factorsIntro}</p>
      ${this.renderWaiting()} ${this.renderStatus()} ${this.parts.map((p) => p.render())}
    </section>`;
  }
}
if (!customElements.get('ipsz-factors-card'))
  customElements.define('ipsz-factors-card', FactorsCard);

declare global {
  interface HTMLElementTagNameMap {
    'ipsz-factors-card': FactorsCard;
  }
}
