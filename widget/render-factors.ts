/**
 * The second-factor choices ("Use another way"): buttons in the shadow root, one per factor named
 * by the server, and the "Use another way" button itself. Pure functions of what they are given;
 * part of the step chunk (steps.ts), so the first load does not grow.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FactorChoiceName, FactorOffer } from './api-types.js';
import { renderAction } from './render-panels.js';
import type { Terms } from './terms.js';

/** The list of choices, each a button naming the factor. */
export function renderChoices(
  t: Terms,
  factors: readonly FactorOffer[],
  name: (f: FactorChoiceName) => string,
  onChoose: (f: FactorChoiceName) => void,
): TemplateResult {
  return html`<div part="choices" class="row choices" role="group" aria-label=${t.chooseHint}>
    ${factors.map((o) =>
      renderAction(name(o.factor), `choice-button choice-${o.factor}`, () => onChoose(o.factor)),
    )}
  </div>`;
}

/** "Use another way", when there is another way. */
export const renderAnotherWay = (t: Terms, show: boolean, onClick: () => void) =>
  show ? renderAction(t.anotherWay, 'another-way-button', onClick, false) : nothing;
