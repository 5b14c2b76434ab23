/**
 * Zones: list, add, edit, disable and delete named zones. The list is `zone-list.ts`, the editor
 * (each range its own field, checked while typing with the server's parser; the number of
 * addresses; a range covering everything needs an explicit confirmation, `force`) is
 * `zone-editor.ts`. This element holds the zones and the draft. Every change — add, edit, enable,
 * disable, delete — first shows its impact preview (issue 27, admin/preview/preview-gate.ts: what it
 * would have done to the last 30 days of sign-ins) and saves only from there; Save stays disabled
 * when an administrator would lose the way in. The preview also says "save anyway" when the change
 * would leave the administrator's own address outside every enabled zone; that Save confirms the
 * change (`confirm`). Should the server still refuse a change as ending the administrator's own
 * session (409 `ends_own_session`: the zones changed meanwhile, say), its warning is announced and
 * "Change anyway and end my session" sends it again confirmed (section-base.ts).
 */
import { html, nothing } from 'lit';
import type { ApiError, Zone, ZoneInfo } from '../api.js';
import { SectionBase } from '../section-base.js';
import { insideAny } from './zone-check.js';
import { draftOf, renderZoneEditor, type Draft } from './zone-editor.js';
import { renderZoneList } from './zone-list.js';
import { zonesTerms } from './zones-terms.js';
import {
  askPreview,
  focusGate,
  renderPreviewGate,
  type PreviewDraft,
} from '../preview/preview-gate.js';
import type { PolicyPreview } from '../preview/policy-preview.js';
import { previewTerms } from '../preview/preview-terms.js';

/** A change shown with its impact preview, waiting for its Save ("save anyway", "yes, delete"). */
type Pending = {
  kind: 'save' | 'toggle' | 'delete';
  zone?: Zone;
  warn: string;
  /** The warning says my own address ends up outside: its Save confirms that. */
  own: boolean;
  preview: PolicyPreview;
};

/** What a zone is to the policy: the preview's draft holds every zone like this, in order. */
type ZoneShape = Required<NonNullable<PreviewDraft['zones']>[number]>;

export class ZonesSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    zones: { state: true },
    draft: { state: true },
    pending: { state: true },
    serverProblems: { state: true },
  };
  private zones: Zone[] = [];
  private where: ZoneInfo | null = null;
  private draft: Draft | null = null;
  private pending: Pending | null = null;
  private serverProblems: Record<number, string> = {};
  private nameError = '';

  private get w() {
    return zonesTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(async () => {
      const [z, w] = await Promise.all([
        this.api.get('/api/admin/zones'),
        this.api.get('/api/zone'),
      ]);
      return { zones: z.zones, where: w };
    });
    if (r) {
      this.zones = r.zones;
      this.where = r.where;
    }
  }

  protected override errorWords() {
    return this.w.errors;
  }

  protected override onError(e: unknown): boolean {
    const err = e as ApiError;
    if (err.code === 'invalid_ranges') {
      const problems = (err.details.problems ?? []) as {
        index: number;
        code: string;
        message: string;
      }[];
      this.serverProblems = Object.fromEntries(
        problems.map((p) => [p.index, this.w.rangeProblems[p.code] ?? p.message]),
      );
    }
    if (err.code === 'zone_name_taken' || err.code === 'invalid_zone_name') {
      this.nameError = this.w.errors[err.code] ?? err.message;
    }
    return false;
  }

  /** The warning to show when `after` would put my own address outside while it is inside now. */
  private ownWarning(after: { ranges: string[]; enabled: boolean }[]) {
    const ip = this.where?.clientIp ?? null;
    const own = !!ip && insideAny(this.zones, ip) && !insideAny(after, ip);
    return { text: own ? this.w.ownOutsideWarn(ip) : '', own };
  }

  /**
   * Asks for the impact preview of the zones as they would be, and shows it with its Save; `own`:
   * `warn` says my own address ends up outside.
   */
  private async ask(
    kind: Pending['kind'],
    after: ZoneShape[],
    warn: { text: string; own: boolean },
    zone?: Zone,
  ) {
    this.pending = null;
    const zones = after.map(({ name, ranges, enabled, force }) => ({
      name,
      ranges,
      enabled,
      force,
    }));
    const preview = await this.run(() => askPreview(this.api, { zones }));
    if (!preview) return;
    this.pending = { kind, warn: warn.text, own: warn.own, preview, ...(zone ? { zone } : {}) };
    focusGate(this);
  }

  private edit(z: Zone | null) {
    this.pending = null;
    this.message = null;
    this.serverProblems = {};
    this.nameError = '';
    this.draft = draftOf(z);
  }

  private setDraft(patch: Partial<Draft>) {
    this.pending = null; // a preview of what the form held before no longer holds
    this.dropAnyway();
    this.draft = { ...this.draft!, ...patch };
  }

  private setRange(i: number, value: string) {
    const ranges = [...this.draft!.ranges];
    ranges[i] = value;
    const { [i]: _gone, ...rest } = this.serverProblems;
    this.serverProblems = rest;
    this.setDraft({ ranges });
  }

  /** `saved`: the preview's Save was chosen; `confirm`: it ends my own session, as warned. */
  private async save(saved = false, confirm = false) {
    const d = this.draft!;
    const ranges = d.ranges.map((r) => r.trim()).filter((r) => r !== '');
    if (!saved) {
      const edited = { ...d, name: d.name.trim(), ranges };
      const after =
        d.id === null
          ? [...this.zones, edited]
          : this.zones.map((z) => (z.id === d.id ? edited : z));
      await this.ask('save', after, this.ownWarning(after));
      return;
    }
    this.pending = null;
    this.nameError = '';
    const body = {
      name: d.name.trim(),
      ranges,
      enabled: d.enabled,
      note: d.note,
      force: d.force,
      ...(confirm ? { confirm } : {}),
    };
    const ok = await this.run(
      () =>
        d.id === null
          ? this.api.send('POST', '/api/admin/zones', { json: body })
          : this.api.send('PATCH', '/api/admin/zones/:id', { param: { id: d.id }, json: body }),
      this.terms.saved,
    );
    if (ok) {
      this.draft = null;
      await this.reloadKeepMessage();
    } else if (this.offerAnyway(() => this.save(true, true))) this.showZonesNow();
  }

  /**
   * Shows the zones as they are now, the warning and its offer kept: the server judged a change
   * the page did not warn of, so the list it was judged beside is older than the zones.
   */
  private showZonesNow() {
    void this.api.get('/api/admin/zones').then(
      (z) => (this.zones = z.zones),
      () => undefined, // the list stays; the warning says what matters
    );
  }

  private async reloadKeepMessage() {
    const msg = this.message;
    await this.load();
    if (!this.message) this.message = msg;
  }

  /** `saved` and `confirm` as for `save`. */
  private async toggle(z: Zone, saved = false, confirm = false) {
    if (!saved) {
      const after = this.zones.map((x) => (x.id === z.id ? { ...x, enabled: !z.enabled } : x));
      const none = { text: '', own: false };
      await this.ask('toggle', after, z.enabled ? this.ownWarning(after) : none, z);
      return;
    }
    this.pending = null;
    const json = { enabled: !z.enabled, ...(confirm ? { confirm } : {}) };
    const ok = await this.run(
      () => this.api.send('PATCH', '/api/admin/zones/:id', { param: { id: z.id }, json }),
      this.terms.saved,
    );
    if (ok) await this.reloadKeepMessage();
    else if (this.offerAnyway(() => this.toggle(z, true, true))) this.showZonesNow();
  }

  /** `saved` and `confirm` as for `save` (a deletion confirms with `?confirm=true`). */
  private async deleteZone(z: Zone, saved = false, confirm = false) {
    if (!saved) {
      const after = this.zones.filter((x) => x.id !== z.id);
      const own = this.ownWarning(after);
      const text = [this.terms.confirmDelete(z.name), own.text].join(' ').trim();
      await this.ask('delete', after, { text, own: own.own }, z);
      return;
    }
    this.pending = null;
    const query = confirm ? { confirm: 'true' } : {};
    const ok = await this.run(
      () => this.api.send('DELETE', '/api/admin/zones/:id', { param: { id: z.id }, query }),
      this.terms.saved,
    );
    if (ok) await this.reloadKeepMessage();
    else if (this.offerAnyway(() => this.deleteZone(z, true, true))) this.showZonesNow();
  }

  private renderPending() {
    const p = this.pending;
    if (!p) return nothing;
    const t = this.terms;
    const w = this.w;
    const go = () =>
      p.kind === 'save'
        ? this.save(true, p.own)
        : p.kind === 'toggle'
          ? this.toggle(p.zone!, true, p.own)
          : this.deleteZone(p.zone!, true, p.own);
    return renderPreviewGate({
      code: t.code,
      preview: p.preview,
      warn: p.warn,
      confirmLabel:
        p.kind === 'delete' ? t.yesDelete : p.warn ? w.saveAnyway : previewTerms(t.code).saveThis,
      danger: p.kind === 'delete',
      busy: this.busy,
      cancelLabel: t.cancel,
      confirm: () => void go(),
      cancel: () => (this.pending = null),
    });
  }

  private renderDraft(draft: Draft) {
    return renderZoneEditor({
      t: this.terms,
      w: this.w,
      draft,
      zones: this.zones,
      busy: this.busy,
      nameError: this.nameError,
      serverProblems: this.serverProblems,
      pending: this.renderPending(),
      set: (patch) => this.setDraft(patch),
      setName: (name) => {
        this.nameError = '';
        this.setDraft({ name });
      },
      setRange: (i, value) => this.setRange(i, value),
      save: () => void this.save(),
      cancel: () => (this.draft = null),
    });
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.zones}</h2>
      <p class="hint">${w.zonesIntro}</p>
      ${this.draft ? this.renderDraft(this.draft) : html`<button class="primary" @click=${() => this.edit(null)}>${w.addZone}</button>`}
      ${this.draft ? nothing : this.renderPending()} ${this.renderStatus()} ${this.renderAnyway()}
      ${renderZoneList({
        t,
        w,
        zones: this.zones,
        edit: (z) => this.edit(z),
        toggle: (z) => void this.toggle(z),
        remove: (z) => void this.deleteZone(z),
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-zones-section'))
  customElements.define('ipsz-zones-section', ZonesSection);
