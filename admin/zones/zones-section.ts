/**
 * Zones: list, add, edit, disable and delete named zones. Each range is its own field, checked while
 * typing with the server's parser and its error shown under it; the number of addresses is counted
 * as you type; a range covering everything needs an explicit confirmation (`force`); and a change
 * that would leave the administrator's own address outside every enabled zone asks "save anyway".
 */
import { html, nothing } from 'lit';
import type { ApiError, Zone, ZoneInfo } from '../api.js';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { checkRange, countOf, coversEverything, groupDigits, insideAny } from './zone-check.js';
import { zonesTerms } from './zones-terms.js';

interface Draft {
  id: number | null;
  name: string;
  ranges: string[];
  enabled: boolean;
  note: string;
  force: boolean;
}

/** A change waiting for "save anyway" or "yes, delete". */
type Pending = { kind: 'save' | 'toggle' | 'delete'; zone?: Zone; warn: string };

/**
 * A range as text in which each address (with its prefix length) is one unbreakable unit: a line
 * may end only around the dash between two addresses, and an address too wide for a phone scrolls
 * sideways with its table instead of breaking.
 */
const rangeText = (range: string) =>
  range.split(/(\s*[–-]\s*)/).map((p, i) => (i % 2 ? p : html`<span class="addr">${p}</span>`));

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
    this.draft = z
      ? {
          id: z.id,
          name: z.name,
          ranges: [...z.ranges],
          enabled: z.enabled,
          note: z.note,
          force: z.force,
        }
      : { id: null, name: '', ranges: [''], enabled: true, note: '', force: false };
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

  private renderDraft() {
    const t = this.terms;
    const w = this.w;
    const d = this.draft!;
    const checks = d.ranges.map((r) => (r.trim() === '' ? null : checkRange(r, d.force)));
    const others = this.zones.filter((z) => z.enabled && z.id !== d.id).flatMap((z) => z.ranges);
    const wantsForce =
      d.ranges.some((r) => r.trim() !== '' && !checkRange(r, false).ok && checkRange(r, true).ok) ||
      (d.enabled &&
        coversEverything(
          d.ranges.filter((r) => r.trim() !== ''),
          others,
        ));
    const count = groupDigits(
      countOf(
        d.ranges.filter((r) => r.trim() !== ''),
        d.force,
      ),
      t.code,
    );
    const hasLocalErrors = checks.some((c) => c && !c.ok);
    return html`<form
      class="card"
      aria-label=${d.id === null ? w.addZone : `${t.edit}: ${d.name}`}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.save();
      }}
    >
      <h3>${d.id === null ? w.addZone : `${t.edit}: ${d.name}`}</h3>
      <div class="grid">
        <label class="field"
          >${w.name}
          <input
            name="name"
            required
            maxlength="100"
            .value=${d.name}
            aria-invalid=${this.nameError ? 'true' : 'false'}
            aria-describedby="name-err"
            @input=${(e: Event) => {
              this.nameError = '';
              this.setDraft({ name: (e.target as HTMLInputElement).value });
            }}
          />
          <span id="name-err" class="field-error">${this.nameError}</span>
        </label>
        <label class="field"
          >${w.note}
          <input
            name="note"
            maxlength="500"
            .value=${d.note}
            @input=${(e: Event) => this.setDraft({ note: (e.target as HTMLInputElement).value })}
        /></label>
      </div>
      <fieldset class="ranges">
        <legend>${w.ranges}</legend>
        <p class="hint">${w.rangesHint}</p>
        ${d.ranges.map((r, i) => {
          const c = checks[i];
          const err =
            this.serverProblems[i] ??
            (c && !c.ok ? (w.rangeProblems[c.problem.code] ?? c.problem.message) : '');
          return html`<div class="row range">
            <label class="field grow"
              ><span class="sr-only">${w.range(i + 1)}</span>
              <input
                name="range"
                .value=${r}
                placeholder="10.0.0.0 – 10.0.0.255"
                aria-label=${w.range(i + 1)}
                aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${`range-err-${i}`}
                @input=${(e: Event) => this.setRange(i, (e.target as HTMLInputElement).value)}
              />
              <span id=${`range-err-${i}`} class="field-error">${err}</span>
            </label>
            <button
              type="button"
              aria-label=${w.removeRange(i + 1)}
              ?disabled=${d.ranges.length <= 1}
              @click=${() => this.setDraft({ ranges: d.ranges.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>`;
        })}
        <button type="button" @click=${() => this.setDraft({ ranges: [...d.ranges, ''] })}>
          ${w.addRange}
        </button>
        <p class="hint" aria-live="polite">${w.addresses(count)}</p>
      </fieldset>
      ${
        wantsForce || d.force
          ? html`<div class="msg warn">
              <p>${w.everythingWarn}</p>
              <label class="check"
                ><input
                  type="checkbox"
                  name="force"
                  .checked=${d.force}
                  @change=${(e: Event) => this.setDraft({ force: (e.target as HTMLInputElement).checked })}
                />${w.forceLabel}</label
              >
            </div>`
          : nothing
      }
      <label class="check"
        ><input
          type="checkbox"
          name="enabled"
          .checked=${d.enabled}
          @change=${(e: Event) => this.setDraft({ enabled: (e.target as HTMLInputElement).checked })}
        />${t.enabled}</label
      >
      ${this.renderPending()}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy || hasLocalErrors}>
          ${t.save}
        </button>
        <button type="button" @click=${() => (this.draft = null)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.zones}</h2>
      <p class="hint">${w.zonesIntro}</p>
      ${this.draft ? this.renderDraft() : html`<button class="primary" @click=${() => this.edit(null)}>${w.addZone}</button>`}
      ${this.draft ? nothing : this.renderPending()} ${this.renderStatus()}
      ${listTable({
        columns: [w.name, w.ranges, t.status, { srOnly: t.edit }],
        items: this.zones,
        empty: t.none,
        row: (z) =>
          html`<tr data-zone=${z.name}>
            <th scope="row">
              ${z.name}${z.note ? html`<br /><span class="hint">${z.note}</span>` : nothing}
            </th>
            <td>
              ${z.ranges.map((r) => html`<code>${rangeText(r)}</code><br />`)}
              <span class="hint">${w.addresses(groupDigits(z.addressCount, t.code))}</span>
            </td>
            <td>
              <span class="badge ${z.enabled ? 'on' : ''}"
                >${z.enabled ? t.enabled : t.disabled}</span
              >
            </td>
            <td>
              <div class="row">
                <button @click=${() => this.edit(z)} aria-label=${`${t.edit}: ${z.name}`}>
                  ${t.edit}
                </button>
                <button
                  @click=${() => this.toggle(z)}
                  aria-label=${`${z.enabled ? w.disable : w.enable}: ${z.name}`}
                >
                  ${z.enabled ? w.disable : w.enable}
                </button>
                <button @click=${() => this.deleteZone(z)} aria-label=${`${t.delete}: ${z.name}`}>
                  ${t.delete}
                </button>
              </div>
            </td>
          </tr>`,
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-zones-section'))
  customElements.define('ipsz-zones-section', ZonesSection);
