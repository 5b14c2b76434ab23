/**
 * A user's second factors as the users section lists them under "Second factors": each
 * authenticator app and passkey with when it was added and last used, and the recovery codes left.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Factors } from '../api.js';
import { when, type Terms } from '../terms.js';
import { factorTerms } from '../factors/factor-terms.js';
import type { UsersTerms } from './users-terms.js';

/** The list, once the user's factors were read (`f`); nothing before. */
export function renderUserFactors(
  t: Terms,
  w: UsersTerms,
  f: Factors | null,
): TemplateResult | typeof nothing {
  const ft = factorTerms(t.code);
  if (!f) return nothing;
  const name = (factor: string) => (factor === 'totp' ? ft.authApp : ft.factorNames[factor]);
  const lines = [
    ...f.factors.map(
      (x) =>
        `${name(x.factor)} “${x.label}” — ${ft.addedOn(when(t, x.createdAt))}, ${
          x.lastUsedAt ? ft.lastUsedOn(when(t, x.lastUsedAt)) : ft.neverUsed
        }`,
    ),
    ...(f.recoveryCodesLeft > 0 ? [ft.recoveryLeft(f.recoveryCodesLeft)] : []),
  ];
  return html`<ul data-user-factors aria-label=${ft.factorsTitle}>
    ${
      lines.length === 0 ? html`<li>${w.noUserFactors}</li>` : lines.map((l) => html`<li>${l}</li>`)
    }
  </ul>`;
}
