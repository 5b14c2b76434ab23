/**
 * The shadow-DOM panels of each step that has no form: waiting for the zone, the access pass, an
 * outcome with "start again", the fail-closed "server unreachable" retry. Pure functions of what
 * they are given; the element decides which one shows.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Pending } from './api-types.js';
import { clockText, type Terms } from './terms.js';

const spinner = html`<span part="spinner" class="spinner" aria-hidden="true"></span>`;

/** Shown while `/api/zone` is asked. */
export const renderLoading = (t: Terms): TemplateResult =>
  html`<p class="wait">${spinner}${t.loading}</p>`;

/** A single primary action (retry, start again). */
export const renderAction = (label: string, part: string, onClick: () => void): TemplateResult =>
  html`<button part="button ${part}" class="button primary" type="button" @click=${onClick}>
    ${label}
  </button>`;

/** What the access pass step needs. */
export interface PassView {
  t: Terms;
  pending: Pending;
  /** Seconds until `expiresAt`. */
  secondsLeft: number;
  showDeepLink: boolean;
  onCancel: () => void;
}

/** The access pass: symbol, instruction, countdown, deep link on a phone, Cancel. */
export function renderPass(v: PassView): TemplateResult {
  const { t, pending } = v;
  // Only a PNG data URL and SecSign's own scheme are ever put into the page. With the access pass
  // switched off there is no symbol: the step asks only to confirm in the app.
  const src = pending.accessPass?.startsWith('data:image/') ? pending.accessPass : null;
  const link = pending.deepLink?.startsWith('com.secsign.secsignid:') ? pending.deepLink : '';
  return html`<div part="access-pass" class="pass">
    ${
      src
        ? html`<img part="access-pass-image" src=${src} alt=${t.passAlt} width="88" height="88" />`
        : nothing
    }
    <p>${t.passHint(pending.secSignId, !!src)}</p>
    <p part="countdown" class="wait" role="timer">
      ${spinner}${t.waiting(clockText(v.secondsLeft))}
    </p>
    ${
      v.showDeepLink && link
        ? html`<a part="button deep-link" class="button primary" href=${link}>${t.openApp}</a>`
        : nothing
    }
    <button part="button cancel-button" class="button" type="button" @click=${v.onCancel}>
      ${t.cancel}
    </button>
  </div>`;
}
