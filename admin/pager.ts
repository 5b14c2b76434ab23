/**
 * The "Previous · 1–25 of 80 · Next" bar under the paged lists (users, audit log), in one place so
 * both lists page alike.
 */
import { html } from 'lit';
import type { Terms } from './terms.js';

export interface PagerState {
  /** Accessible name of the navigation landmark. */
  label: string;
  offset: number;
  total: number;
  pageSize: number;
  busy: boolean;
  terms: Terms;
  /** Loads the page starting at `offset`. */
  go(offset: number): void;
}

export function renderPager(p: PagerState) {
  const from = p.total === 0 ? 0 : p.offset + 1;
  const to = Math.min(p.offset + p.pageSize, p.total);
  return html`<nav class="row" aria-label=${p.label}>
    <button
      ?disabled=${p.offset === 0 || p.busy}
      @click=${() => p.go(Math.max(0, p.offset - p.pageSize))}
    >
      ${p.terms.previous}
    </button>
    <span>${p.terms.pageOf(from, to, p.total)}</span>
    <button ?disabled=${to >= p.total || p.busy} @click=${() => p.go(p.offset + p.pageSize)}>
      ${p.terms.next}
    </button>
  </nav>`;
}
