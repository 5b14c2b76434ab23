/**
 * The shadow-DOM panels a start needs before the step chunk (steps.ts) is in: waiting for the
 * zone, and a single action — the fail-closed "server unreachable" retry, "start again" after an
 * outcome. Pure functions of what they are given; the element decides which one shows.
 */
import { html, type TemplateResult } from 'lit';
import type { Terms } from './terms.js';

/** The waiting indicator (also on the access pass step). */
export const spinner = html`<span part="spinner" class="spinner" aria-hidden="true"></span>`;

/** Shown while `/api/zone` is asked. */
export const renderLoading = (t: Terms): TemplateResult =>
  html`<p class="wait">${spinner}${t.loading}</p>`;

/** A button in the shadow root; `primary` for the main action of a step. */
export const renderAction = (
  label: string,
  part: string,
  onClick: () => void,
  primary = true,
): TemplateResult =>
  html`<button
    part="button ${part}"
    class="button ${primary ? 'primary' : ''}"
    type="button"
    @click=${onClick}
  >
    ${label}
  </button>`;
