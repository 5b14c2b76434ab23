/**
 * The overview: what the audit log says at a glance — sign-ins over time (inside a zone, outside,
 * failed attempts), the zones with most sign-ins, failures by outcome, second-factor failures and
 * who is locked out now — from `GET /api/admin/overview`, with the audit log's own filters
 * (audit-filters.ts). Charts are drawn as SVG (charts.ts), each with its numbers as a table.
 */
import type { Answer } from '../api.js';
import { css, html, nothing } from 'lit';
import { outcomeText } from '../audit/audit-terms.js';
import { filterQuery, noFilters, readFilters, renderFilters } from '../audit/audit-filters.js';
import { bars, chartStyles, stackedColumns, tileStyles } from './charts.js';
import { SectionBase } from '../section-base.js';
import { pageStyles } from '../styles.js';
import { day, stamp } from '../stamp.js';
import { overviewTerms } from './overview-terms.js';
import { auditLogTerms } from '../audit/audit-log-terms.js';

/** What `GET /api/admin/overview` answers (server/store/audit-overview.ts). */
type Overview = Answer<'GET', '/api/admin/overview'>;

/** The buckets of the whole span, empty ones as zeros (the server sends only those with entries). */
function everyBucket(d: Overview): Overview['buckets'] {
  const size = d.bucket === 'hour' ? 3_600_000 : 86_400_000;
  const first = Math.floor(d.from / size) * size;
  if ((d.to - first) / size > 400) return d.buckets;
  const have = new Map(d.buckets.map((b) => [b.start, b]));
  const all: Overview['buckets'] = [];
  for (let start = first; start <= d.to; start += size) {
    all.push(have.get(start) ?? { start, inside: 0, outside: 0, failed: 0 });
  }
  return all;
}

export class OverviewSection extends SectionBase {
  static override styles = [
    pageStyles,
    chartStyles,
    tileStyles,
    css`
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
        gap: 16px;
      }
      .chart {
        margin: 0;
        min-width: 0;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .s-inside {
        fill: var(--_primary);
        background: var(--_primary);
      }
      .s-outside {
        fill: light-dark(#6554c0, #9f8fef);
        background: light-dark(#6554c0, #9f8fef);
      }
      .s-failed {
        fill: var(--_danger);
        background: var(--_danger);
      }
      .bars {
        display: grid;
        gap: 6px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .bars li {
        display: grid;
        grid-template-columns: minmax(80px, 40%) 1fr auto;
        gap: 8px;
        align-items: center;
      }
      .bar-label {
        overflow-wrap: anywhere;
      }
      .bar-track {
        width: 100%;
        height: 12px;
        background: color-mix(in srgb, var(--_border) 50%, transparent);
      }
      .bar-count {
        font-variant-numeric: tabular-nums;
      }
      details {
        margin-top: 4px;
      }
    `,
  ];
  static override properties = {
    ...SectionBase.properties,
    data: { state: true },
    invalid: { state: true },
  };
  private data: Overview | null = null;
  private filters = noFilters();
  private invalid: string[] = [];

  private get w() {
    return overviewTerms(this.terms.code);
  }

  private get al() {
    return auditLogTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() =>
      this.api.get('/api/admin/overview', { query: filterQuery(this.filters) }),
    );
    if (r) this.data = r;
  }

  private filter(e: SubmitEvent) {
    e.preventDefault();
    const { filters, invalid } = readFilters(e.target as HTMLFormElement);
    this.filters = filters;
    this.invalid = invalid;
    if (!invalid.length) void this.load();
  }

  private renderCharts(d: Overview) {
    const t = this.terms;
    const w = this.w;
    const al = this.al;
    const label = (ms: number) => (d.bucket === 'hour' ? stamp(ms).slice(0, 16) : day(ms));
    const outcomes = (list: Overview['outcomes']) =>
      list.map((o) => ({ label: outcomeText(t.code, o.outcome), count: o.count }));
    const kind = (key: string) => {
      const [k = '', ...rest] = key.split(':');
      return `${w.lockedKinds[k] ?? k}: ${rest.join(':')}`;
    };
    return html`<ul class="tiles" aria-label=${w.overview}>
        <li><strong data-total="signIns">${d.totals.signIns}</strong>${w.signIns}</li>
        <li><strong data-total="inside">${d.totals.inside}</strong>${w.seriesInside}</li>
        <li><strong data-total="outside">${d.totals.outside}</strong>${w.seriesOutside}</li>
        <li><strong data-total="failed">${d.totals.failed}</strong>${w.failedAttempts}</li>
        <li><strong data-total="locked">${d.locked.length}</strong>${w.lockedNow}</li>
      </ul>
      <div class="charts">
        <div class="wide" data-chart="time">
          ${stackedColumns({
            title: w.overTime,
            summary: w.chartSummary(d.totals.inside, d.totals.outside, d.totals.failed),
            tableLabel: w.asTable,
            timeLabel: al.time,
            series: [
              { key: 'inside', label: w.seriesInside },
              { key: 'outside', label: w.seriesOutside },
              { key: 'failed', label: w.failedAttempts },
            ],
            rows: everyBucket(d).map((b) => ({ ...b, label: label(b.start) })),
          })}
        </div>
        <div data-chart="zones">
          ${bars({
            title: w.topZones,
            series: 'inside',
            empty: t.none,
            items: d.zones.map((z) => ({ label: z.zone ?? w.seriesOutside, count: z.count })),
          })}
        </div>
        <div data-chart="outcomes">
          ${bars({
            title: w.failuresByOutcome,
            series: 'failed',
            empty: t.none,
            items: outcomes(d.outcomes),
          })}
        </div>
        <div data-chart="second-factor">
          ${bars({
            title: w.secondFactorFailures,
            series: 'outside',
            empty: t.none,
            items: outcomes(d.secondFactor),
          })}
        </div>
        <figure class="chart" data-chart="locked">
          <figcaption>${w.lockedNow}</figcaption>
          ${
            d.locked.length === 0
              ? html`<p class="hint">${w.noneLocked}</p>`
              : html`<ul>
                  ${d.locked.map(
                    (l) =>
                      html`<li>
                        ${kind(l.key)} <span class="hint">${w.lockedUntil(stamp(l.until))}</span>
                      </li>`,
                  )}
                </ul>`
          }
        </figure>
      </div>`;
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const d = this.data;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.overview}</h2>
      ${d ? html`<p class="hint">${w.overviewIntro(stamp(d.from), stamp(d.to))}</p>` : nothing}
      ${renderFilters(t, this.filters, this.invalid, (e) => this.filter(e))} ${this.renderStatus()}
      ${d ? this.renderCharts(d) : nothing}
    </section>`;
  }
}
if (!customElements.get('ipsz-overview-section'))
  customElements.define('ipsz-overview-section', OverviewSection);
