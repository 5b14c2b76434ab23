/**
 * The zones' table: each zone with its note, its ranges (an address never breaks in the middle,
 * IPv6 included) and how many addresses they hold, enabled or not, and its edit, enable/disable
 * and delete buttons.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Zone } from '../api.js';
import { listTable } from '../list-table.js';
import type { Terms } from '../terms.js';
import { groupDigits } from './zone-check.js';
import type { ZonesTerms } from './zones-terms.js';

/**
 * A range as text in which each address (with its prefix length) is one unbreakable unit: a line
 * may end only around the dash between two addresses, and an address too wide for a phone scrolls
 * sideways with its table instead of breaking.
 */
const rangeText = (range: string) =>
  range.split(/(\s*[–-]\s*)/).map((p, i) => (i % 2 ? p : html`<span class="addr">${p}</span>`));

/** The list and what its buttons do. */
export interface ZoneList {
  t: Terms;
  w: ZonesTerms;
  zones: Zone[];
  edit(z: Zone): void;
  toggle(z: Zone): void;
  remove(z: Zone): void;
}

export function renderZoneList(p: ZoneList): TemplateResult {
  const { t, w } = p;
  return listTable({
    columns: [w.name, w.ranges, t.status, { srOnly: t.edit }],
    items: p.zones,
    empty: t.none,
    row: (z) =>
      html`<tr data-zone=${z.name}>
        <th scope="row">
          ${z.name}${z.note ? html`<br /><span class="hint">${z.note}</span>` : nothing}
        </th>
        <td>
          ${z.ranges.map((r) => html`<code>${rangeText(r)}</code><br />`)}
          <span class="hint">${w.addresses(groupDigits(z.addressCount, t.code))}</span>
        </td>
        <td>
          <span class="badge ${z.enabled ? 'on' : ''}">${z.enabled ? t.enabled : t.disabled}</span>
        </td>
        <td>
          <div class="row">
            <button @click=${() => p.edit(z)} aria-label=${`${t.edit}: ${z.name}`}>
              ${t.edit}
            </button>
            <button
              @click=${() => p.toggle(z)}
              aria-label=${`${z.enabled ? w.disable : w.enable}: ${z.name}`}
            >
              ${z.enabled ? w.disable : w.enable}
            </button>
            <button @click=${() => p.remove(z)} aria-label=${`${t.delete}: ${z.name}`}>
              ${t.delete}
            </button>
          </div>
        </td>
      </tr>`,
  });
}
