/**
 * Directories: where Atlassian passwords are checked besides ipsafezone's own users — LDAP /
 * Active Directory and Crowd (or Jira as "Jira user server"), asked in the listed order after the
 * local users. Lists them with "Test connection", enable/disable and remove; "Test a user" shows
 * what the directory found (DN, names, e-mail, groups, admin, SecSign ID) and, with a password,
 * only whether it was right; and a form to add a directory of each kind the server knows, drawn from
 * its description (`directory-forms.ts`). Passwords typed here
 * go to the server once and are never shown again. Its words, in English and German, are beside it
 * (`directories-terms.ts`).
 */
import { html, nothing } from 'lit';
import type { Answer } from '../api.js';
import type { DirectoryKindView } from '../../server/directories/directory-kind.js';
import { formText } from '../../widget/form-text.js';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { directoriesTerms, passwordCheckWord } from './directories-terms.js';
import { field, inputOf, renderAddForms } from './directory-forms.js';

export { directoriesLabel } from './directories-terms.js';

/** A directory as the admin API lists it (never a password). */
type DirectoryView = Answer<'GET', '/api/admin/directories'>['directories'][number];
/** What "Test a user" found. */
type UserTestResult = Answer<'POST', '/api/admin/directories/:id/test-user'>;

/** The directory's server address from its settings. */
const urlOf = (d: DirectoryView) =>
  typeof d.settings['url'] === 'string' ? d.settings['url'] : '';

/** The submitted form and its values, read at once (after an await, a shadow-DOM event's target is gone). */
const formValues = (e: Event) => {
  const form = e.target as HTMLFormElement;
  const f = new FormData(form);
  const text = (k: string) => formText(f, k).trim();
  return {
    form,
    text,
    raw: (k: string) => formText(f, k),
    flag: (k: string) => f.get(k) === 'on',
  };
};

export class DirectoriesSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    directories: { state: true },
    kinds: { state: true },
    userResult: { state: true },
  };
  private directories: DirectoryView[] = [];
  /** The kinds of directory the server knows, with their form fields. */
  private kinds: DirectoryKindView[] = [];
  private userResult: UserTestResult | null = null;

  private get w() {
    return directoriesTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(async () => {
      const list = await this.api.get('/api/admin/directories');
      // The kinds and their forms (the server's list) do not change while the page is open.
      if (!this.kinds.length)
        this.kinds = (await this.api.get('/api/admin/directories/kinds')).kinds;
      return list;
    });
    if (r) this.directories = r.directories;
  }

  private async testConnection(d: DirectoryView) {
    const r = await this.run(() =>
      this.api.send('POST', '/api/admin/directories/:id/test', { param: { id: d.id } }),
    );
    if (r) this.message = { kind: r.ok ? 'ok' : 'error', text: `${d.name}: ${r.message}` };
  }

  private async toggle(d: DirectoryView) {
    await this.run(() =>
      this.api.send('PATCH', '/api/admin/directories/:id', {
        param: { id: d.id },
        json: { enabled: !d.enabled },
      }),
    );
    await this.load();
  }

  private async removeDirectory(d: DirectoryView) {
    if (!confirm(this.w.confirmRemove(d.name))) return;
    await this.run(() =>
      this.api.send('DELETE', '/api/admin/directories/:id', { param: { id: d.id } }),
    );
    await this.load();
  }

  private async testUser(e: Event) {
    e.preventDefault();
    const { form, text, raw } = formValues(e);
    const password = raw('password');
    const r = await this.run(() =>
      this.api.send('POST', '/api/admin/directories/:id/test-user', {
        param: { id: text('directory') },
        json: { username: text('username'), ...(password ? { password } : {}) },
      }),
    );
    form.querySelector<HTMLInputElement>('[name=password]')!.value = '';
    if (r) this.userResult = r;
  }

  private async add(e: Event, kind: DirectoryKindView) {
    e.preventDefault();
    const values = formValues(e);
    const { form } = values;
    const send = () =>
      this.api.send('POST', '/api/admin/directories/:kind', {
        param: { kind: kind.name },
        json: inputOf(kind, values),
      });
    const r = await this.run(send, this.w.added);
    if (r) {
      form.reset();
      await this.load();
    }
  }

  private renderList() {
    const w = this.w;
    if (this.directories.length === 0) return html`<p class="hint" data-none>${w.none}</p>`;
    return listTable({
      columns: ['#', w.name, w.kind, w.address, w.enabled, w.actions],
      items: this.directories,
      row: (d) =>
        html`<tr data-directory=${d.name}>
          <td>${d.position}</td>
          <td>${d.name}</td>
          <td>${this.kinds.find((k) => k.name === d.kind)?.label ?? d.kind}</td>
          <td>${urlOf(d)}</td>
          <td>${d.enabled ? w.yes : w.no}</td>
          <td class="row">
            <button data-test @click=${() => this.testConnection(d)} ?disabled=${this.busy}>
              ${w.testConnection}
            </button>
            <button @click=${() => this.toggle(d)} ?disabled=${this.busy}>
              ${d.enabled ? w.disable : w.enable}
            </button>
            <button @click=${() => this.removeDirectory(d)} ?disabled=${this.busy}>
              ${w.remove}
            </button>
          </td>
        </tr>`,
    });
  }

  private renderUserResult() {
    const r = this.userResult;
    const w = this.w;
    if (!r) return nothing;
    const u = r.lookup?.user;
    const check = passwordCheckWord(r.passwordCheck, this.terms.code);
    return html`<div class="msg ${r.ok ? 'ok' : 'warn'}" data-user-result aria-live="polite">
      ${
        !r.lookup
          ? html`<p>${r.message}</p>`
          : !r.lookup.found
            ? html`<p>${w.notFound}</p>`
            : html`<p><strong>${w.found}:</strong> <code>${r.lookup.reference}</code></p>
                <dl>
                  <dt>${w.username}</dt>
                  <dd>${u?.username}</dd>
                  <dt>${w.displayName}</dt>
                  <dd>${u?.displayName}</dd>
                  <dt>${w.email}</dt>
                  <dd>${u?.email}</dd>
                  <dt>${w.groups}</dt>
                  <dd>${u?.groups.join(', ') || '—'}</dd>
                  <dt>${w.admin}</dt>
                  <dd>${u?.admin === null ? w.notDecided : u?.admin ? w.yes : w.no}</dd>
                  ${
                    u?.secSignId !== undefined
                      ? html`<dt>${w.secSignId}</dt>
                          <dd>${u?.secSignId ?? '—'}</dd>`
                      : nothing
                  }
                </dl>
                ${u?.disabled ? html`<p>${w.disabledThere}</p>` : nothing}`
      }
      ${check ? html`<p data-password-check><strong>${w.passwordCheck}:</strong> ${check}</p>` : nothing}
    </div>`;
  }

  override render() {
    const w = this.w;
    return html`<section class="card" aria-labelledby="dh">
        <h2 id="dh">${w.title}</h2>
        <p class="hint">${w.intro}</p>
        ${this.renderList()} ${this.renderStatus()}
      </section>
      ${
        this.directories.length > 0
          ? html`<section class="card" aria-labelledby="uh">
              <h2 id="uh">${w.testUser}</h2>
              <form class="row" data-test-user @submit=${this.testUser}>
                <label class="field"
                  >${w.directory}<select name="directory">
                    ${this.directories.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
                  </select></label
                >
                ${field(w.username, 'username', 'text', true)}
                ${field(w.passwordOptional, 'password', 'password')}
                <button class="primary" type="submit" ?disabled=${this.busy}>${w.check}</button>
              </form>
              ${this.renderUserResult()}
            </section>`
          : nothing
      }
      ${renderAddForms(w, this.terms.code, this.kinds, this.busy, (e, kind) => void this.add(e, kind))}`;
  }
}
if (!customElements.get('ipsz-directories-section'))
  customElements.define('ipsz-directories-section', DirectoriesSection);
