/**
 * `<ipsz-policy-preview>`: what a policy change would have done to the last 30 days of real
 * sign-ins (issue 27), shown before Save — the totals, a small chart per day (the overview's SVG
 * columns, with the numbers as a table), the users concerned, the refusal when an administrator
 * would be locked out, and what the replay cannot know. It only shows `result`, the answer of
 * `POST /api/admin/policy/preview`; the section that owns the change asks for it and offers Save.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Answer } from '../api.js';
import { chartStyles, stackedColumns } from '../overview/charts.js';
import { pageStyles } from '../styles.js';
import { previewTerms } from './preview-terms.js';

/** The answer of `POST /api/admin/policy/preview`. */
export type PolicyPreview = Answer<'POST', '/api/admin/policy/preview'>;

const CHANGES = ['stopped', 'needs_second_factor', 'no_longer_needs'] as const;

export class PolicyPreviewElement extends LitElement {
  static override properties = {
    result: { attribute: false },
    code: {},
  };
  result: PolicyPreview | null = null;
  /** The page's language (`en`, `de`). */
  code = 'en';

  static override styles = [
    pageStyles,
    chartStyles,
    css`
      .s-more {
        fill: var(--_danger);
        background: var(--_danger);
      }
      .s-less {
        fill: var(--_primary);
        background: var(--_primary);
      }
      figure {
        margin: 8px 0;
      }
      ul.totals {
        padding-left: 1.2em;
      }
    `,
  ];

  override render() {
    const p = this.result;
    if (!p) return nothing;
    const w = previewTerms(this.code);
    const any = CHANGES.some((c) => p.totals[c].signIns > 0);
    return html`<section aria-labelledby="pv-h" class="preview">
      <h3 id="pv-h">${w.title}</h3>
      <p>${w.intro(p.period.days, p.signIns.replayed)}</p>
      ${
        p.refusal
          ? html`<p class="msg error" role="alert">
              ${w.refused}
              ${w.refusals[p.refusal.code]?.(p.administrators.stopped) ?? p.refusal.message}
            </p>`
          : nothing
      }
      ${
        any
          ? html`<ul class="totals">
              ${CHANGES.map(
                (c) =>
                  html`<li>
                    <strong>${w.changes[c]}:</strong>
                    ${w.count(p.totals[c].signIns, p.totals[c].users)}
                  </li>`,
              )}
            </ul>`
          : html`<p>${w.nothing}</p>`
      }
      ${any ? this.renderChart(p) : nothing} ${p.users.length ? this.renderUsers(p) : nothing}
      <details>
        <summary>${w.unknownsTitle}</summary>
        <ul>
          ${p.unknowns.map((u) => html`<li>${u}</li>`)}
        </ul>
      </details>
    </section>`;
  }

  private renderChart(p: PolicyPreview) {
    const w = previewTerms(this.code);
    const more = p.days.reduce((n, d) => n + d.needsSecondFactor, 0);
    const less = p.days.reduce((n, d) => n + d.noLongerNeeds, 0);
    return stackedColumns({
      title: w.chart,
      summary: w.dayBar(`${p.days[0]?.day ?? ''} – ${p.days.at(-1)?.day ?? ''}`, more, less),
      tableLabel: w.chart,
      timeLabel: 'Day',
      series: [
        { key: 'more', label: w.changes.needs_second_factor },
        { key: 'less', label: w.changes.no_longer_needs },
      ],
      rows: p.days.map((d) => ({
        label: d.day.slice(5),
        more: d.needsSecondFactor,
        less: d.noLongerNeeds,
      })),
    });
  }

  private renderUsers(p: PolicyPreview) {
    const w = previewTerms(this.code);
    const zone = (z: string | null) => z ?? w.outside;
    return html`<table>
      <caption>
        ${w.usersCaption(p.users.length, p.usersTotal)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${w.user}</th>
          <th scope="col">${w.change}</th>
          <th scope="col">${w.signIns}</th>
          <th scope="col">${w.addresses}</th>
          <th scope="col">${w.zones}</th>
          <th scope="col">${w.usable}</th>
        </tr>
      </thead>
      <tbody>
        ${p.users.map(
          (u) =>
            html`<tr>
              <th scope="row">
                ${u.username}${u.role === 'admin' ? html` (${w.admin})` : nothing}${
                  u.deleted ? html` (${w.deleted})` : nothing
                }
              </th>
              <td>${w.changes[u.change]}</td>
              <td>${u.signIns}</td>
              <td>${u.addresses.join(', ')}</td>
              <td>${u.zonesLive.map(zone).join(', ')} → ${u.zonesDraft.map(zone).join(', ')}</td>
              <td>${u.usable.join(', ') || w.none}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
if (!customElements.get('ipsz-policy-preview'))
  customElements.define('ipsz-policy-preview', PolicyPreviewElement);
