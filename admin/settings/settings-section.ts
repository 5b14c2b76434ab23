/**
 * Settings (the seed places them under "User management"; here they are headed for what they do,
 * how people sign in): Activate IPSafeZone, Activate 2SA, Users may change their own SecSign ID,
 * which second factors count outside, and whether a first one may be enrolled inside with the
 * password.
 * "Saved." shows beside the switch that was changed. A refused change says why and offers the way
 * to fix it (the users section, showing administrators). A change that would end the
 * administrator's own session (e.g. IPSafeZone off, seen from the office) is first explained, then
 * done on request.
 * A switch that moves the policy (IPSafeZone, 2SA, the factors that count outside) saves nothing
 * when clicked: it shows the change's impact preview first (issue 27, admin/preview/preview-gate.ts)
 * under the switch, and saves from there; Save stays disabled, saying why, when an administrator
 * would lose the way in.
 */
import { html, nothing } from 'lit';
import type { Body, Settings } from '../api.js';
import { SectionBase } from '../section-base.js';
import { settingsTerms } from './settings-terms.js';
import { FACTOR_ORDER, loadFactorViews, type FactorView } from '../factors/index.js';
import { askPreview, focusGate, renderPreviewGate } from '../preview/preview-gate.js';
import type { PolicyPreview } from '../preview/policy-preview.js';
import { previewTerms } from '../preview/preview-terms.js';

/** A change as `PATCH /api/admin/settings` takes it (`confirm` is added by `change`). */
type Patch = Omit<Body<'PATCH', '/api/admin/settings'>, 'confirm'>;
/** The switches: the settings a change turns on or off. */
type Key = { [K in keyof Patch]-?: NonNullable<Patch[K]> extends boolean ? K : never }[keyof Patch];

/** The switches that move the policy: their change is previewed before it is saved. */
const POLICY_KEYS: readonly Key[] = ['ipSafeZoneActive', 'twoStepActive'];

export class SettingsSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    settings: { state: true },
    previewing: { state: true },
  };
  private settings: Settings | null = null;
  /** The factors' views, in order: one "counts outside" box each (loaded with the settings). */
  private views: readonly FactorView[] = [];
  /** The policy change shown with its impact preview, waiting for its Save. */
  private previewing: { key: string; patch: Patch; preview: PolicyPreview } | null = null;

  private get w() {
    return settingsTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() =>
      Promise.all([this.api.get('/api/admin/settings'), loadFactorViews()]),
    );
    if (r) [this.settings, this.views] = r;
  }

  protected override errorWords() {
    return this.w.errors;
  }

  private async toggle(key: Key, ev: Event) {
    const input = ev.target as HTMLInputElement;
    const value = input.checked;
    if (POLICY_KEYS.includes(key)) {
      input.checked = !value; // nothing changes before the preview's Save
      await this.ask(key, { [key]: value });
      return;
    }
    if (!(await this.change(key, { [key]: value }, false))) input.checked = !value; // refused
  }

  /** A box of the outside policy: the whole set is sent. */
  private async toggleFactor(factor: string, ev: Event) {
    const input = ev.target as HTMLInputElement;
    const now = this.settings?.outsideFactors ?? [];
    const next = FACTOR_ORDER.filter((f) => (f === factor ? input.checked : now.includes(f)));
    input.checked = !input.checked; // nothing changes before the preview's Save
    await this.ask(`outside-${factor}`, { outsideFactors: next });
  }

  /** Asks for the impact preview of `patch` and shows it under the switch `key`. */
  private async ask(key: string, patch: Patch) {
    this.previewing = null;
    const preview = await this.run(() => askPreview(this.api, patch));
    if (!preview) return;
    this.previewing = { key, patch, preview };
    focusGate(this);
  }

  private async savePreviewed() {
    const p = this.previewing;
    this.previewing = null;
    if (p) await this.change(p.key, p.patch, false);
  }

  private renderGate(key: string) {
    const p = this.previewing;
    if (p?.key !== key) return nothing;
    const code = p.preview.refusal?.code ?? '';
    return renderPreviewGate({
      code: this.terms.code,
      preview: p.preview,
      confirmLabel: previewTerms(this.terms.code).saveThis,
      busy: this.busy,
      cancelLabel: this.terms.cancel,
      fix:
        code === 'no_secsign_admin' || code === 'last_secsign_admin'
          ? html`<button class="link" @click=${this.fix}>${this.w.fixNoOutsideAdmin}</button>`
          : nothing,
      confirm: () => void this.savePreviewed(),
      cancel: () => (this.previewing = null),
    });
  }

  /** Saves `patch`; refused as ending my own session, offers to send it again confirmed. */
  private async change(key: string, patch: Patch, confirm: boolean): Promise<boolean> {
    const body = confirm ? { ...patch, confirm } : patch;
    const s = await this.run(
      () => this.api.send('PATCH', '/api/admin/settings', { json: body }),
      this.terms.saved,
      key,
    );
    if (s) this.settings = s;
    else this.offerAnyway(() => this.change(key, patch, true));
    return s !== undefined;
  }

  private fix() {
    this.dispatchEvent(
      new CustomEvent('ipsz-navigate', {
        detail: { section: 'users', q: this.me },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const s = this.settings;
    const box = (key: Key, label: string, hint: string) =>
      html`<label class="check"
          ><input
            type="checkbox"
            name=${key}
            .checked=${s?.[key] ?? false}
            ?disabled=${!s || this.busy}
            @change=${(e: Event) => this.toggle(key, e)}
          /><span>${label}${hint ? html`<br /><span class="hint">${hint}</span>` : nothing}</span
          >${this.renderSaved(key)}</label
        >${this.renderGate(key)}`;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.settings}</h2>
      <h3>${w.signInRules}</h3>
      ${box('ipSafeZoneActive', w.ipSafeZoneActive, w.ipSafeZoneHint)}
      ${box('twoStepActive', w.twoStepActive, w.twoStepHint)}
      ${box('usersChangeOwnId', w.usersChangeOwnId, '')}
      ${s ? html`<p class="hint">${w.secSignAdmins(s.secSignAdmins)}</p>` : nothing}
      <fieldset data-outside-factors>
        <legend>${w.outsideFactors}</legend>
        <p class="hint">${w.outsideFactorsHint}</p>
        ${this.views.map(
          ({ name: f, policyLabel }) =>
            html`<label class="check"
                ><input
                  type="checkbox"
                  name=${`outside-${f}`}
                  .checked=${s?.outsideFactors.includes(f) ?? false}
                  ?disabled=${!s || this.busy}
                  @change=${(e: Event) => this.toggleFactor(f, e)}
                /><span>${policyLabel(t.code)}</span>${this.renderSaved(`outside-${f}`)}</label
              >${this.renderGate(`outside-${f}`)}`,
        )}
        ${s ? html`<p class="hint">${w.outsideAdmins(s.outsideAdmins)}</p>` : nothing}
      </fieldset>
      ${box('firstFactorInside', w.firstFactorInside, '')} ${this.renderStatus()}
      ${
        (this.refused === 'no_secsign_admin' || this.refused === 'last_secsign_admin') &&
        this.message?.kind === 'error'
          ? html`<button class="link" @click=${this.fix}>${w.fixNoOutsideAdmin}</button>`
          : nothing
      }
      ${this.renderAnyway()}
    </section>`;
  }
}
if (!customElements.get('ipsz-settings-section'))
  customElements.define('ipsz-settings-section', SettingsSection);
