/**
 * A user's second factors as the users section lists them under "Second factors": each
 * authenticator app and passkey with when it was added and last used, then what a factor's view
 * adds (the recovery codes left). The names come from the factors' views (admin/factors/).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Factors } from '../api.js';
import { when, type Terms } from '../terms.js';
import { factorTerms } from '../factors/factor-terms.js';
import type { FactorView } from '../factors/index.js';
import type { UsersTerms } from './users-terms.js';

/** The list, once the user's factors were read (`f`); nothing before. */
export function renderUserFactors(
  t: Terms,
  w: UsersTerms,
  f: Factors | null,
  views: readonly FactorView[],
): TemplateResult | typeof nothing {
  const ft = factorTerms(t.code);
  if (!f) return nothing;
  const name = (factor: string) => views.find((v) => v.name === factor)?.itemLabel(t.code);
  const lines = [
    ...f.factors.map(
      (x) =>
        `${name(x.factor)} “${x.label}” — ${ft.addedOn(when(t, x.createdAt))}, ${
          x.lastUsedAt ? ft.lastUsedOn(when(t, x.lastUsedAt)) : ft.neverUsed
        }`,
    ),
    ...views.flatMap((v) => v.summary?.(f, t.code) ?? []),
  ];
  return html`<ul data-user-factors aria-label=${ft.factorsTitle}>
    ${
      lines.length === 0 ? html`<li>${w.noUserFactors}</li>` : lines.map((l) => html`<li>${l}</li>`)
    }
  </ul>`;
}
