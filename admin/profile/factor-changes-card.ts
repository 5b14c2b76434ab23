/**
 * `<ipsz-factor-changes-card>`: the profile's "Recent changes to how you sign in" (issue 23, item
 * 2) — each change of the last 90 days with its time, the address it came from and whether the
 * user or an administrator made it, read from `GET /api/me/factor-changes` (the audit log). A
 * change the user does not recognise is the cue to remove that method and end the other sessions.
 * The sentences are the widget's, which tells the same changes after the next sign-in.
 */
import type { Answer } from '../api.js';
import { html } from 'lit';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { when } from '../terms.js';
import { reauthTerms } from './reauth-terms.js';
import { changeWords } from '../../widget/factor-changes.js';

/** One change to how the user signs in, as the route lists it. */
type FactorChangeJson = Answer<'GET', '/api/me/factor-changes'>['changes'][number];

export class FactorChangesCard extends SectionBase {
  static override properties = { ...SectionBase.properties, changes: { state: true } };
  private changes: FactorChangeJson[] | null = null;

  protected override async load() {
    const r = await this.run(() => this.api.get('/api/me/factor-changes'));
    if (r) this.changes = r.changes;
  }

  /** Reloads the list (after a change made on the page). */
  refresh(): Promise<void> {
    return this.load();
  }

  override render() {
    const t = this.terms;
    const rt = reauthTerms(t.code);
    const words = changeWords(t.code);
    const changes = this.changes ?? [];
    return html`<section class="card" aria-labelledby="changes" lang=${t.code}>
      <h2 id="changes">${rt.changesTitle}</h2>
      <p class="hint">${rt.changesIntro}</p>
      ${this.renderStatus()}
      ${
        this.changes && changes.length === 0
          ? html`<p data-no-changes>${rt.noChanges}</p>`
          : listTable({
              columns: [rt.change, rt.when, rt.from, rt.by],
              items: changes,
              row: (c) =>
                html`<tr data-change=${c.change}>
                  <td>${words.kinds[c.change]}${c.label ? html` – ${c.label}` : ''}</td>
                  <td>${when(t, c.at)}</td>
                  <td>${c.clientIp ?? ''}</td>
                  <td>${c.byAdmin ? rt.admin : rt.you}</td>
                </tr>`,
            })
      }
    </section>`;
  }
}
if (!customElements.get('ipsz-factor-changes-card'))
  customElements.define('ipsz-factor-changes-card', FactorChangesCard);

declare global {
  interface HTMLElementTagNameMap {
    'ipsz-factor-changes-card': FactorChangesCard;
  }
}
