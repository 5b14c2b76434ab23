/**
 * The overview's charts, drawn as SVG by the page itself (no chart library: the admin bundle stays
 * lean): stacked columns over time and horizontal bars. Each chart is a `<figure>` whose SVG is one
 * labelled image (`role="img"` with a summary), followed by the numbers as a real table in a
 * `<details>`, so a screen reader — or anyone who prefers numbers — gets them all. Nothing is set
 * through a `style` attribute (the pages' Content-Security-Policy forbids them): sizes are SVG
 * geometry, colours come from the series' class (`s-<key>`) in the section's style sheet.
 */
import { css, html, svg, type TemplateResult } from 'lit';

/** The charts' own styles (the series' colours are the section's): add to a section's styles. */
export const chartStyles = css`
  svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .axis,
  .grid {
    stroke: var(--_border);
  }
  .tick {
    font-size: 11px;
    fill: var(--_subtle);
  }
  figcaption {
    font-weight: 600;
    margin-bottom: 4px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    margin: 0 0 4px;
    padding: 0;
    list-style: none;
    font-size: 12px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-right: 6px;
    border-radius: 2px;
  }
`;

/** Numbers in tiles above the charts (`<ul class="tiles">`, each `<li><strong>N</strong> what`). */
export const tileStyles = css`
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
    gap: 12px;
    margin: 0 0 16px;
    padding: 0;
    list-style: none;
  }
  .tiles li {
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .tiles strong {
    display: block;
    font-size: 24px;
    font-weight: 600;
  }
`;

/** One series of a stacked column chart: its key (coloured by the class `s-<key>`) and name. */
export interface Series {
  key: string;
  label: string;
}

const W = 640;
const H = 200;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/** A round upper bound for the value axis: 1, 2, 5 × 10ⁿ. */
function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((m) => m * p >= n) ?? 10) * p;
}

/**
 * Stacked columns, one per bucket. `rows` carry a `label` (for the x axis and the table) and a
 * number per series key.
 */
export function stackedColumns(p: {
  title: string;
  summary: string;
  tableLabel: string;
  timeLabel: string;
  series: Series[];
  rows: ({ label: string } & Record<string, number | string>)[];
}): TemplateResult {
  const n = Math.max(p.rows.length, 1);
  const value = (r: (typeof p.rows)[number], k: string) => Number(r[k] ?? 0);
  const max = niceMax(
    Math.max(0, ...p.rows.map((r) => p.series.reduce((s, x) => s + value(r, x.key), 0))),
  );
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / n;
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const bars = p.rows.map((r, i) => {
    let base = 0;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    return p.series.map((s) => {
      const v = value(r, s.key);
      const top = y(base + v);
      const rect = svg`<rect class="s-${s.key}" x=${x} y=${top} width=${barW} height=${y(base) - top}><title>${r.label}: ${s.label} ${v}</title></rect>`;
      base += v;
      return rect;
    });
  });
  const first = p.rows[0]?.label ?? '';
  const last = p.rows[p.rows.length - 1]?.label ?? '';
  return html`<figure class="chart">
    <figcaption>${p.title}</figcaption>
    <ul class="legend">
      ${p.series.map((s) => html`<li><span class="swatch s-${s.key}"></span>${s.label}</li>`)}
    </ul>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${p.title}: ${p.summary}`}>
      <line class="axis" x1=${PAD.left} x2=${W - PAD.right} y1=${y(0)} y2=${y(0)}></line>
      <line class="grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(max)} y2=${y(max)}></line>
      <text class="tick" x=${PAD.left - 4} y=${y(max) + 4} text-anchor="end">${max}</text>
      <text class="tick" x=${PAD.left - 4} y=${y(0)} text-anchor="end">0</text>
      ${bars}
      <text class="tick" x=${PAD.left} y=${H - 4}>${first}</text>
      <text class="tick" x=${W - PAD.right} y=${H - 4} text-anchor="end">${last}</text>
    </svg>
    <details>
      <summary>${p.tableLabel}</summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${p.timeLabel}</th>
              ${p.series.map((s) => html`<th scope="col">${s.label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${p.rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.label}</th>
                  ${p.series.map((s) => html`<td>${value(r, s.key)}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}

/** Horizontal bars with their label and number written out (readable without the bars). */
export function bars(p: {
  title: string;
  /** The series key whose colour the bars take (class `s-<key>`). */
  series: string;
  items: { label: string; count: number }[];
  empty: string;
}): TemplateResult {
  const max = Math.max(1, ...p.items.map((i) => i.count));
  return html`<figure class="chart">
    <figcaption>${p.title}</figcaption>
    ${
      p.items.length === 0
        ? html`<p class="hint">${p.empty}</p>`
        : html`<ul class="bars">
            ${p.items.map(
              (i) =>
                html`<li>
                  <span class="bar-label">${i.label}</span>
                  <svg
                    class="bar-track"
                    viewBox="0 0 100 12"
                    preserveAspectRatio="none"
                    aria-hidden="true"
                  >
                    <rect class="s-${p.series}" width=${(i.count / max) * 100} height="12"></rect>
                  </svg>
                  <span class="bar-count">${i.count}</span>
                </li>`,
            )}
          </ul>`
    }
  </figure>`;
}
