/**
 * Zones: list, add, edit, disable and delete named zones. The list is `zone-list.ts`, the editor
 * (each range its own field, checked while typing with the server's parser; the number of
 * addresses; a range covering everything needs an explicit confirmation, `force`) is
 * `zone-editor.ts`. This element holds the zones and the draft, saves, and asks "save anyway"
 * before a change that would leave the administrator's own address outside every enabled zone.
 */
import { html, nothing } from 'lit';
import type { ApiError, Zone, ZoneInfo } from '../api.js';
import { SectionBase } from '../section-base.js';
import { insideAny } from './zone-check.js';
import { draftOf, renderZoneEditor, type Draft } from './zone-editor.js';
import { renderZoneList } from './zone-list.js';
import { zonesTerms } from './zones-terms.js';

/** A change waiting for "save anyway" or "yes, delete". */
type Pending = { kind: 'save' | 'toggle' | 'delete'; zone?: Zone; warn: string };

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
        this.api.get<{ zones: Zone[] }>('/api/admin/zones'),
        this.api.get<ZoneInfo>('/api/zone'),
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
  private ownWarning(after: { ranges: string[]; enabled: boolean; id: number | null }[]): string {
    const ip = this.where?.clientIp ?? null;
    if (!ip || !insideAny(this.zones, ip)) return '';
    return insideAny(after, ip) ? '' : this.w.ownOutsideWarn(ip);
  }

  private edit(z: Zone | null) {
    this.pending = null;
    this.message = null;
    this.serverProblems = {};
    this.nameError = '';
    this.draft = draftOf(z);
  }

  private setDraft(patch: Partial<Draft>) {
    this.draft = { ...this.draft!, ...patch };
  }

  private setRange(i: number, value: string) {
    const ranges = [...this.draft!.ranges];
    ranges[i] = value;
    const { [i]: _gone, ...rest } = this.serverProblems;
    this.serverProblems = rest;
    this.setDraft({ ranges });
  }

  private async save(confirmed = false) {
    const d = this.draft!;
    const ranges = d.ranges.map((r) => r.trim()).filter((r) => r !== '');
    if (!confirmed) {
      const after = this.zones
        .filter((z) => z.id !== d.id)
        .concat([{ ...(d as unknown as Zone), ranges, id: d.id ?? -1 }]);
      const warn = this.ownWarning(after);
      if (warn) {
        this.pending = { kind: 'save', warn };
        return;
      }
    }
    this.pending = null;
    this.nameError = '';
    const body = { name: d.name.trim(), ranges, enabled: d.enabled, note: d.note, force: d.force };
    const ok = await this.run(
      () =>
        d.id === null
          ? this.api.send('POST', '/api/admin/zones', body)
          : this.api.send('PATCH', `/api/admin/zones/${d.id}`, body),
      this.terms.saved,
    );
    if (ok) {
      this.draft = null;
      await this.reloadKeepMessage();
    }
  }

  private async reloadKeepMessage() {
    const msg = this.message;
    await this.load();
    if (!this.message) this.message = msg;
  }

  private async toggle(z: Zone, confirmed = false) {
    if (!confirmed && z.enabled) {
      const warn = this.ownWarning(
        this.zones.map((x) => (x.id === z.id ? { ...x, enabled: false } : x)),
      );
      if (warn) {
        this.pending = { kind: 'toggle', zone: z, warn };
        return;
      }
    }
    this.pending = null;
    const ok = await this.run(
      () => this.api.send('PATCH', `/api/admin/zones/${z.id}`, { enabled: !z.enabled }),
      this.terms.saved,
    );
    if (ok) await this.reloadKeepMessage();
  }

  private async deleteZone(z: Zone, confirmed = false) {
    if (!confirmed) {
      const warn = this.ownWarning(this.zones.filter((x) => x.id !== z.id));
      this.pending = {
        kind: 'delete',
        zone: z,
        warn: [this.terms.confirmDelete(z.name), warn].join(' '),
      };
      return;
    }
    this.pending = null;
    const ok = await this.run(
      () => this.api.send('DELETE', `/api/admin/zones/${z.id}`),
      this.terms.saved,
    );
    if (ok) await this.reloadKeepMessage();
  }

  private renderPending() {
    const p = this.pending;
    if (!p) return nothing;
    const t = this.terms;
    const w = this.w;
    const go = () =>
      p.kind === 'save'
        ? this.save(true)
        : p.kind === 'toggle'
          ? this.toggle(p.zone!, true)
          : this.deleteZone(p.zone!, true);
    return html`<div class="msg warn" role="alert">
      <p>${p.warn}</p>
      <div class="row">
        <button type="button" class=${p.kind === 'delete' ? 'danger' : 'primary'} @click=${go}>
          ${p.kind === 'delete' ? t.yesDelete : w.saveAnyway}
        </button>
        <button type="button" @click=${() => (this.pending = null)}>${t.cancel}</button>
      </div>
    </div>`;
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
      ${this.draft ? nothing : this.renderPending()} ${this.renderStatus()}
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
