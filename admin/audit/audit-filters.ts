/**
 * The audit log's filters, shared by the audit log and the overview so both narrow the same way:
 * user, address, action and outcome (chosen by their meaning in the page's language), a span in the
 * page's one time format (stamp.ts), and "hide routine entries" (zone look-ups, proxy checks).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Query } from '../api.js';
import { formText } from '../../widget/form-text.js';
import { auditWords } from './audit-terms.js';
import { readStamp } from '../stamp.js';
import type { Terms } from '../terms.js';
import { auditLogTerms } from './audit-log-terms.js';

export interface Filters {
  user: string;
  address: string;
  outcome: string;
  action: string;
  from: string;
  to: string;
  hideRoutine: boolean;
}

export const noFilters = (): Filters => ({
  user: '',
  address: '',
  outcome: '',
  action: '',
  from: '',
  to: '',
  hideRoutine: true,
});

/** The filters as the API's query (`from`/`to` as ISO, `routine=hide`). */
export function filterQuery(f: Filters): Query<'GET', '/api/admin/audit'> {
  return {
    user: f.user,
    address: f.address,
    outcome: f.outcome,
    action: f.action,
    from: readStamp(f.from) ?? '',
    to: readStamp(f.to, true) ?? '',
    routine: f.hideRoutine ? 'hide' : '',
  };
}

/** Reads the filter form; `invalid` names the time fields that are not in the stamp format. */
export function readFilters(form: HTMLFormElement): { filters: Filters; invalid: string[] } {
  const data = new FormData(form);
  const get = (k: string) => formText(data, k).trim();
  const filters: Filters = {
    user: get('user'),
    address: get('address'),
    outcome: get('outcome'),
    action: get('action'),
    from: get('from'),
    to: get('to'),
    hideRoutine: data.has('hideRoutine'),
  };
  const invalid = (['from', 'to'] as const).filter((k) => readStamp(filters[k]) === null);
  return { filters, invalid };
}

/** The filter form (`role=search`), with `extra` (e.g. the CSV link) beside its button. */
export function renderFilters(
  t: Terms,
  f: Filters,
  invalid: string[],
  onSubmit: (e: SubmitEvent) => void,
  extra: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const words = auditWords(t.code);
  const w = auditLogTerms(t.code);
  const text = (name: 'user' | 'address', label: string) =>
    html`<label class="field">${label}<input name=${name} .value=${f[name]} /></label>`;
  const choice = (name: 'action' | 'outcome', label: string, options: Record<string, string>) =>
    html`<label class="field"
      >${label}<select name=${name}>
        <option value="" ?selected=${!f[name]}>${w.any}</option>
        ${Object.entries(options).map(
          ([code, meaning]) =>
            html`<option value=${code} ?selected=${f[name] === code}>${meaning}</option>`,
        )}
      </select></label
    >`;
  const time = (name: 'from' | 'to', label: string) => {
    const bad = invalid.includes(name);
    return html`<label class="field"
      >${label}<input
        name=${name}
        .value=${f[name]}
        inputmode="numeric"
        aria-invalid=${bad ? 'true' : 'false'}
        aria-describedby=${`${name}-hint`}
      /><span id=${`${name}-hint`} class=${bad ? 'field-error' : 'hint'}
        >${bad ? w.stampInvalid : w.stampFormat}</span
      ></label
    >`;
  };
  return html`<form class="grid" role="search" @submit=${onSubmit}>
    ${text('user', w.user)} ${text('address', t.address)}
    ${choice('action', w.action, words.actions)} ${choice('outcome', w.outcome, words.outcomes)}
    ${time('from', w.from)} ${time('to', w.to)}
    <label class="check"
      ><input type="checkbox" name="hideRoutine" .checked=${f.hideRoutine} />${w.hideRoutine}</label
    >
    <div class="row">
      <button class="primary" type="submit">${w.filter}</button>
      ${extra}
    </div>
  </form>`;
}
