/**
 * The audit log: newest first, filtered by user, address, outcome, action and time (audit-filters.ts,
 * shared with the overview), routine entries hidden unless asked for, paged, and exported as CSV
 * through `GET /api/admin/audit.csv` with the same filters. Actions and outcomes read in the page's
 * language (the code stays beside them, as it is in the CSV); times in the one format the filter
 * takes (stamp.ts).
 */
import { html, nothing } from 'lit';
import type { AuditEntry } from '../api.js';
import { actionText, outcomeText } from './audit-terms.js';
import { filterQuery, noFilters, readFilters, renderFilters } from './audit-filters.js';
import { SectionBase } from '../section-base.js';
import { renderPager } from '../pager.js';
import { stamp } from '../stamp.js';
import { auditLogTerms } from './audit-log-terms.js';

const PAGE = 25;

export class AuditSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    entries: { state: true },
    total: { state: true },
    offset: { state: true },
    invalid: { state: true },
  };
  private entries: AuditEntry[] = [];
  private total = 0;
  private offset = 0;
  private filters = noFilters();
  private invalid: string[] = [];

  /** Loads the page at `offset`; the pager moves only when its rows are in, so both agree. */

  private get w() {
    return auditLogTerms(this.terms.code);
  }

  protected override async load(offset = this.offset) {
    const r = await this.run(() =>
      this.api.get('/api/admin/audit', {
        query: { ...filterQuery(this.filters), offset, limit: PAGE },
      }),
    );
    if (r) {
      this.entries = r.entries;
      this.total = r.total;
      this.offset = offset;
    }
  }

  private filter(e: SubmitEvent) {
    e.preventDefault();
    const { filters, invalid } = readFilters(e.target as HTMLFormElement);
    this.filters = filters;
    this.invalid = invalid;
    if (invalid.length) return;
    void this.load(0);
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const csv = html`<a
      class="button"
      download
      href=${this.api.url('/api/admin/audit.csv', { query: filterQuery(this.filters) })}
      >${w.exportCsv}</a
    >`;
    const coded = (text: string, code: string | null) =>
      code ? html`${text}<br /><code class="hint">${code}</code>` : nothing;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.audit}</h2>
      ${renderFilters(t, this.filters, this.invalid, (e) => this.filter(e), csv)}
      ${this.renderStatus()}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${w.time}</th>
              <th scope="col">${w.action}</th>
              <th scope="col">${w.user}</th>
              <th scope="col">${w.actor}</th>
              <th scope="col">${t.address}</th>
              <th scope="col">${w.zone}</th>
              <th scope="col">${w.outcome}</th>
            </tr>
          </thead>
          <tbody>
            ${
              this.entries.length === 0
                ? html`<tr>
                    <td colspan="7">${t.none}</td>
                  </tr>`
                : this.entries.map(
                    (e) =>
                      html`<tr data-entry=${e.id}>
                        <td><time datetime=${e.at} class="addr">${stamp(e.at)}</time></td>
                        <td>${coded(actionText(t.code, e.action), e.action)}</td>
                        <td>${e.username ?? ''}</td>
                        <td>${e.actor ?? ''}</td>
                        <td>
                          ${e.clientIp ?? ''}${e.clientReason ? html`<br /><span class="hint">${e.clientReason}</span>` : nothing}
                        </td>
                        <td>${e.zone ?? ''}</td>
                        <td>${coded(outcomeText(t.code, e.outcome ?? ''), e.outcome)}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>
      ${renderPager({
        label: w.audit,
        offset: this.offset,
        total: this.total,
        pageSize: PAGE,
        busy: this.busy,
        terms: t,
        go: (offset) => void this.load(offset),
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-audit-section'))
  customElements.define('ipsz-audit-section', AuditSection);
