/**
 * The zone editor: a zone as a draft (name, note, one field per range, enabled, `force`) and its
 * form. Each range is checked while typing with the server's own parser (`zone-check.ts`) and its
 * problem shown under it, beside any the server found; the number of addresses is counted as you
 * type; a range, or a set of enabled zones, covering everything asks for the "may cover every
 * address" box. The section (`zones-section.ts`) owns the draft and saves it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Zone } from '../api.js';
import type { Terms } from '../terms.js';
import { checkRange, countOf, coversEverything, groupDigits } from './zone-check.js';
import type { ZonesTerms } from './zones-terms.js';

/** A zone being added (`id` null) or edited. */
export interface Draft {
  id: number | null;
  name: string;
  ranges: string[];
  enabled: boolean;
  note: string;
  force: boolean;
}

/** The draft for editing `z`, or for a new zone. */
export const draftOf = (z: Zone | null): Draft =>
  z
    ? {
        id: z.id,
        name: z.name,
        ranges: [...z.ranges],
        enabled: z.enabled,
        note: z.note,
        force: z.force,
      }
    : { id: null, name: '', ranges: [''], enabled: true, note: '', force: false };

/** What the editor shows and whom it tells of a change. */
export interface ZoneEditor {
  t: Terms;
  w: ZonesTerms;
  draft: Draft;
  /** Every zone, for "would these together cover everything". */
  zones: Zone[];
  busy: boolean;
  /** The server's refusal of the name, shown at the field. */
  nameError: string;
  /** The server's problems with ranges, by the range's index. */
  serverProblems: Record<number, string>;
  /** The "save anyway" question, when one is open. */
  pending: TemplateResult | typeof nothing;
  set(patch: Partial<Draft>): void;
  setName(name: string): void;
  setRange(i: number, value: string): void;
  save(): void;
  cancel(): void;
}

/** The editor's form. */
export function renderZoneEditor(p: ZoneEditor): TemplateResult {
  const { t, w, draft: d } = p;
  const checks = d.ranges.map((r) => (r.trim() === '' ? null : checkRange(r, d.force)));
  const others = p.zones.filter((z) => z.enabled && z.id !== d.id).flatMap((z) => z.ranges);
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
      p.save();
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
          aria-invalid=${p.nameError ? 'true' : 'false'}
          aria-describedby="name-err"
          @input=${(e: Event) => p.setName((e.target as HTMLInputElement).value)}
        />
        <span id="name-err" class="field-error">${p.nameError}</span>
      </label>
      <label class="field"
        >${w.note}
        <input
          name="note"
          maxlength="500"
          .value=${d.note}
          @input=${(e: Event) => p.set({ note: (e.target as HTMLInputElement).value })}
      /></label>
    </div>
    <fieldset class="ranges">
      <legend>${w.ranges}</legend>
      <p class="hint">${w.rangesHint}</p>
      ${d.ranges.map((r, i) => {
        const c = checks[i];
        const err =
          p.serverProblems[i] ??
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
              @input=${(e: Event) => p.setRange(i, (e.target as HTMLInputElement).value)}
            />
            <span id=${`range-err-${i}`} class="field-error">${err}</span>
          </label>
          <button
            type="button"
            aria-label=${w.removeRange(i + 1)}
            ?disabled=${d.ranges.length <= 1}
            @click=${() => p.set({ ranges: d.ranges.filter((_, j) => j !== i) })}
          >
            ✕
          </button>
        </div>`;
      })}
      <button type="button" @click=${() => p.set({ ranges: [...d.ranges, ''] })}>
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
                @change=${(e: Event) => p.set({ force: (e.target as HTMLInputElement).checked })}
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
        @change=${(e: Event) => p.set({ enabled: (e.target as HTMLInputElement).checked })}
      />${t.enabled}</label
    >
    ${p.pending}
    <div class="row">
      <button class="primary" type="submit" ?disabled=${p.busy || hasLocalErrors}>${t.save}</button>
      <button type="button" @click=${() => p.cancel()}>${t.cancel}</button>
    </div>
  </form>`;
}
