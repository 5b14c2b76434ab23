/**
 * The users section's form fields: a labelled input whose server-side error (a taken user name, a
 * short password, an unknown SecSign ID …) is shown under it and cleared once typed into, and the
 * role choice.
 */
import { html, type TemplateResult } from 'lit';
import type { Terms } from '../terms.js';

/** Where the fields' errors are kept (the section). */
export interface FieldErrors {
  /** The error shown at field `name` ('' for none). */
  fieldError(name: string): string;
  clearFieldError(name: string): void;
}

export interface FieldOptions {
  type?: string;
  required?: boolean;
  auto?: string;
}

/** An input named `name` with its label and its error. */
export function field(
  host: FieldErrors,
  name: string,
  label: string,
  value: string,
  opts: FieldOptions = {},
): TemplateResult {
  const err = host.fieldError(name);
  return html`<label class="field"
    >${label}
    <input
      name=${name}
      type=${opts.type ?? 'text'}
      .value=${value}
      ?required=${opts.required ?? false}
      autocomplete=${opts.auto ?? 'off'}
      aria-invalid=${err ? 'true' : 'false'}
      aria-describedby=${`${name}-err`}
      @input=${() => {
        if (err) host.clearFieldError(name);
      }}
    />
    <span id=${`${name}-err`} class="field-error">${err}</span>
  </label>`;
}

/** The role choice (user or administrator). */
export function roleSelect(t: Terms, role: string): TemplateResult {
  return html`<label class="field"
    >${t.role}
    <select name="role">
      <option value="user" ?selected=${role === 'user'}>${t.roleUser}</option>
      <option value="admin" ?selected=${role === 'admin'}>${t.roleAdmin}</option>
    </select></label
  >`;
}
