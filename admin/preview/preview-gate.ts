/**
 * The step between a change that moves the policy and its Save (issue 27): the section asks the
 * server what the change would have done (`askPreview`, `POST /api/admin/policy/preview`), then
 * shows the answer in `<ipsz-policy-preview>` with the button that saves — the only way to save —
 * and Cancel (`renderPreviewGate`). When the preview says saving would take an administrator's way
 * in (`saveAllowed: false`), the button stays disabled and says why beside it; the server refuses
 * such a save as well. Used by the zones and settings sections; a report-only draft's "Apply" can
 * use it the same way (docs/policy-preview.md, "On the admin page").
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Body, PageApi } from '../api.js';
import type { PolicyPreview } from './policy-preview.js';
import { previewTerms } from './preview-terms.js';
import './policy-preview.js';

/** A draft as the preview route takes it: what is given replaces the live value. */
export type PreviewDraft = Body<'POST', '/api/admin/policy/preview'>;

/** What the draft would have done to the period's sign-ins (throws the API's error). */
export const askPreview = (api: PageApi, draft: PreviewDraft): Promise<PolicyPreview> =>
  api.send('POST', '/api/admin/policy/preview', { json: draft });

/** What the gate shows and whom it tells. */
export interface PreviewGate {
  /** The page language (`en`, `de`). */
  code: string;
  preview: PolicyPreview;
  /** A warning to read before saving (e.g. the administrator's own address would be outside). */
  warn?: string;
  /** The button that saves: "Save this change", "Save anyway", "Yes, delete". */
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  cancelLabel: string;
  /** Shown under a refusal: the way to fix it (e.g. "Give an administrator a SecSign ID"). */
  fix?: TemplateResult | typeof nothing;
  confirm(): void;
  cancel(): void;
}

/**
 * The preview and its Save. The region is labelled and takes the focus when it opens
 * (`focusGate`), so a keyboard or screen-reader user lands on what the change would do.
 */
export function renderPreviewGate(g: PreviewGate): TemplateResult {
  const w = previewTerms(g.code);
  const refused = !g.preview.saveAllowed;
  return html`<div
    class="card preview-gate"
    data-preview-gate
    role="region"
    aria-label=${w.gateLabel}
    tabindex="-1"
  >
    ${g.warn ? html`<p class="msg warn" role="alert">${g.warn}</p>` : nothing}
    <ipsz-policy-preview .result=${g.preview} code=${g.code}></ipsz-policy-preview>
    ${refused ? html`<p id="gate-why" class="hint" data-save-refused>${w.saveRefused}</p>` : nothing}
    ${refused ? (g.fix ?? nothing) : nothing}
    <div class="row">
      <button
        type="button"
        data-save-previewed
        class=${g.danger ? 'danger' : 'primary'}
        ?disabled=${refused || g.busy}
        aria-describedby=${refused ? 'gate-why' : nothing}
        @click=${() => g.confirm()}
      >
        ${g.confirmLabel}
      </button>
      <button type="button" @click=${() => g.cancel()}>${g.cancelLabel}</button>
    </div>
  </div>`;
}

/** Moves the focus to the gate once `host` has rendered it. */
export function focusGate(host: {
  updateComplete: Promise<unknown>;
  renderRoot: HTMLElement | DocumentFragment;
}): void {
  void host.updateComplete.then(() =>
    (host.renderRoot as ParentNode).querySelector<HTMLElement>('[data-preview-gate]')?.focus(),
  );
}
