/**
 * The directories section's forms to add a directory, one per kind, drawn from what the server
 * says of each kind (`GET /api/admin/directories/kinds`: server/directories/directory-kind.ts) —
 * its heading and fields with their words in both languages — so a new kind needs nothing here.
 * The section reads and sends them (`inputOf`).
 */
import { html, type TemplateResult } from 'lit';
import type { DirectoryKindView, FormField } from '../../server/directories/directory-kind.js';
import type { DirectoriesTerms } from './directories-terms.js';

/** A labelled input of these forms (and of "Test a user"). */
export function field(label: string, name: string, type = 'text', required = false) {
  return html`<label class="field grow"
    >${label}<input name=${name} type=${type} ?required=${required} autocomplete="off"
  /></label>`;
}

function input(f: FormField, lang: 'en' | 'de'): TemplateResult {
  const label = f.label[lang];
  if (f.type === 'flag')
    return html`<label><input type="checkbox" name=${f.name} /> ${label}</label>`;
  if (f.type === 'pem')
    return html`<label class="field">${label}<textarea name=${f.name} rows="3"></textarea></label>`;
  return field(label, f.name, f.type === 'secret' ? 'password' : 'text', f.required === true);
}

/** The fields in rows: those with the same `row` side by side, the others each on its own. */
function rows(fields: FormField[], lang: 'en' | 'de'): TemplateResult[] {
  const out: TemplateResult[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.row === undefined) {
      out.push(input(f, lang));
      continue;
    }
    const row = [f];
    while (fields[i + 1]?.row === f.row) row.push(fields[++i]!);
    out.push(html`<div class="row">${row.map((x) => input(x, lang))}</div>`);
  }
  return out;
}

/** The add forms, one per kind; `add` gets the submit event and the kind. */
export function renderAddForms(
  w: DirectoriesTerms,
  lang: string,
  kinds: DirectoryKindView[],
  busy: boolean,
  add: (e: Event, kind: DirectoryKindView) => void,
): TemplateResult[] {
  const l = lang === 'de' ? 'de' : 'en';
  return kinds.map(
    (k) =>
      html`<section class="card" aria-labelledby="add-${k.name}">
        <h2 id="add-${k.name}">${k.title[l]}</h2>
        <form data-add=${k.name} @submit=${(e: Event) => add(e, k)}>
          ${rows(k.fields, l)}
          <button class="primary" type="submit" ?disabled=${busy}>${w.add}</button>
        </form>
      </section>`,
  );
}

/**
 * What a submitted form sends: each check box as true or false, a password as typed, a required
 * field always and an optional one only when filled in (trimmed).
 */
export function inputOf(
  kind: DirectoryKindView,
  values: { text(name: string): string; raw(name: string): string; flag(name: string): boolean },
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of kind.fields) {
    if (f.type === 'flag') body[f.name] = values.flag(f.name);
    else if (f.type === 'secret') body[f.name] = values.raw(f.name);
    else if (f.required || values.text(f.name) !== '') body[f.name] = values.text(f.name);
  }
  return body;
}
