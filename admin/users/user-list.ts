/**
 * The users' table (name, display name and e-mail, role, SecSign ID, enabled) with its pager; a
 * user's name opens the editor.
 */
import { html, type TemplateResult } from 'lit';
import type { User } from '../api.js';
import { listTable } from '../list-table.js';
import { renderPager } from '../pager.js';
import type { Terms } from '../terms.js';
import type { UsersTerms } from './users-terms.js';

/** Users shown per page. */
export const PAGE = 20;

export interface UserList {
  t: Terms;
  w: UsersTerms;
  users: User[];
  total: number;
  offset: number;
  busy: boolean;
  open(u: User): void;
  go(offset: number): void;
}

export function renderUserList(p: UserList): TemplateResult {
  const { t, w } = p;
  return html`${listTable({
    columns: [t.username, t.displayName, t.role, t.secSignId, t.status],
    items: p.users,
    empty: t.none,
    row: (u) =>
      html`<tr data-user=${u.username}>
        <th scope="row">
          <button class="link" @click=${() => p.open(u)}>${u.username}</button>
        </th>
        <td>${u.displayName}<br /><span class="hint">${u.email}</span></td>
        <td>${u.role === 'admin' ? t.roleAdmin : t.roleUser}</td>
        <td>${u.secSignId ?? t.noSecSignId}</td>
        <td>
          <span class="badge ${u.disabled ? '' : 'on'}"
            >${u.disabled ? t.disabled : t.enabled}</span
          >
        </td>
      </tr>`,
  })}
  ${renderPager({
    label: w.users,
    offset: p.offset,
    total: p.total,
    pageSize: PAGE,
    busy: p.busy,
    terms: t,
    go: p.go,
  })}`;
}
