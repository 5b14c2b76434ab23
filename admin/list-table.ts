/**
 * The admin and profile pages' list tables (users, zones, directories, OpenID Connect clients,
 * passkeys), one way: a wrapper that scrolls sideways on a phone (`.table-wrap`), a header row of
 * column headers (`scope="col"`; a column of buttons gets a name for screen readers only), one row
 * per item as its section renders it, and — when there are none and `empty` is given — one row
 * that says so across all columns.
 */
import { html, type TemplateResult } from 'lit';

/** A column's header: its visible name, or a name for screen readers only (a column of buttons). */
export type Column = string | { srOnly: string };

export function listTable<T>(options: {
  columns: readonly Column[];
  items: readonly T[];
  row: (item: T) => TemplateResult;
  /** What the one row says when there are no items (leave out to show an empty body). */
  empty?: string;
}): TemplateResult {
  const { columns, items, row, empty } = options;
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${columns.map((c) =>
            typeof c === 'string'
              ? html`<th scope="col">${c}</th>`
              : html`<th scope="col"><span class="sr-only">${c.srOnly}</span></th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${
          items.length === 0 && empty !== undefined
            ? html`<tr>
                <td colspan=${columns.length}>${empty}</td>
              </tr>`
            : items.map(row)
        }
      </tbody>
    </table>
  </div>`;
}
