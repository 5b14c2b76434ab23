/**
 * The audit log: newest first, filtered by user, address, outcome, action and time, paged, and
 * exported as CSV through `GET /api/admin/audit.csv` with the same filters.
 */
import { html, nothing } from 'lit';
import type { AuditEntry } from './api.js';
import { SectionBase } from './section-base.js';
import { when } from './terms.js';
import { renderPager } from './pager.js';
import { formText } from '../widget/form-text.js';

const PAGE = 25;
type Filters = Record<'user' | 'address' | 'outcome' | 'action' | 'from' | 'to', string>;

/** `datetime-local` text (local time) as ISO 8601, or '' */
const toIso = (local: string) => {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
};

export class AuditSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    entries: { state: true },
    total: { state: true },
    offset: { state: true },
  };
  private entries: AuditEntry[] = [];
  private total = 0;
  private offset = 0;
  private filters: Filters = { user: '', address: '', outcome: '', action: '', from: '', to: '' };

  private query() {
    const f = this.filters;
    return { ...f, from: toIso(f.from), to: toIso(f.to) };
  }

  protected override async load() {
    const r = await this.run(() =>
      this.api.get<{ entries: AuditEntry[]; total: number }>('/api/admin/audit', {
        ...this.query(),
        offset: this.offset,
        limit: PAGE,
      }),
    );
    if (r) {
      this.entries = r.entries;
      this.total = r.total;
    }
  }

  private filter(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.filters = Object.fromEntries(
      Object.keys(this.filters).map((k) => [k, formText(f, k).trim()]),
    ) as Filters;
    this.offset = 0;
    void this.load();
  }

  override render() {
    const t = this.terms;
    const input = (name: keyof Filters, label: string, type = 'text') =>
      html`<label class="field"
        >${label}<input name=${name} type=${type} .value=${this.filters[name]}
      /></label>`;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${t.audit}</h2>
      <form class="grid" role="search" @submit=${this.filter}>
        ${input('user', t.user)} ${input('address', t.address)} ${input('outcome', t.outcome)}
        ${input('action', t.action)} ${input('from', t.from, 'datetime-local')}
        ${input('to', t.to, 'datetime-local')}
        <div class="row">
          <button class="primary" type="submit">${t.filter}</button>
          <a class="button" download href=${this.api.url('/api/admin/audit.csv', this.query())}
            >${t.exportCsv}</a
          >
        </div>
      </form>
      ${this.renderStatus()}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.time}</th>
              <th scope="col">${t.action}</th>
              <th scope="col">${t.user}</th>
              <th scope="col">${t.actor}</th>
              <th scope="col">${t.address}</th>
              <th scope="col">${t.zone}</th>
              <th scope="col">${t.outcome}</th>
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
                        <td>${when(t, e.at)}</td>
                        <td><code>${e.action}</code></td>
                        <td>${e.username ?? ''}</td>
                        <td>${e.actor ?? ''}</td>
                        <td>
                          ${e.clientIp ?? ''}${e.clientReason ? html`<br /><span class="hint">${e.clientReason}</span>` : nothing}
                        </td>
                        <td>${e.zone ?? ''}</td>
                        <td>${e.outcome ?? ''}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>
      ${renderPager({
        label: t.audit,
        offset: this.offset,
        total: this.total,
        pageSize: PAGE,
        busy: this.busy,
        terms: t,
        go: (offset) => ((this.offset = offset), void this.load()),
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-audit-section'))
  customElements.define('ipsz-audit-section', AuditSection);
