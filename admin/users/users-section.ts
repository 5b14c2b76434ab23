/**
 * Users: search and page; create; edit display name, e-mail, role and disabled; reset a password;
 * assign, change or clear the SecSign ID (uniqueness errors shown at the field); sign a user out
 * everywhere; reset their second factors; delete. Refusals from the seed's rules (last
 * administrator who can sign in from outside …) are shown in plain words. This element holds the
 * state and makes the calls; the table is `user-list.ts`, the forms `user-editor.ts`.
 */
import { html, nothing } from 'lit';
import type { ApiError, Body, Factors, User } from '../api.js';
import { SectionBase } from '../section-base.js';
import { formText } from '../../widget/form-text.js';
import { usersTerms } from './users-terms.js';
import { renderUserCreate, renderUserEditor } from './user-editor.js';
import { renderUserFactors } from './user-factors-list.js';
import { PAGE, renderUserList } from './user-list.js';
import { loadFactorViews, type FactorView } from '../factors/index.js';
import type { Part, PartHost, UserEditorHost } from '../factors/factor-view.js';

/** A role as the user routes take it (the form's select offers exactly these). */
type Role = NonNullable<Body<'POST', '/api/admin/users'>['role']>;

export class UsersSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    q: {},
    users: { state: true },
    total: { state: true },
    offset: { state: true },
    selected: { state: true },
    factors: { state: true },
    creating: { state: true },
    fieldErrors: { state: true },
  };
  /** The search text (also set by the settings section's "fix" link). */
  q = '';
  private users: User[] = [];
  private total = 0;
  private offset = 0;
  private selected: User | null = null;
  /** The selected user's second factors (GET /api/admin/users/:id/factors), once read. */
  private factors: Factors | null = null;
  private creating = false;
  private fieldErrors: Record<string, string> = {};
  /** The factors' views, for the names in a user's factors (loaded with the first page). */
  private views: readonly FactorView[] = [];
  /** What the factors' views add to the editor of one user (SecSign ID). */
  private editorParts: Part[] = [];
  private readonly editorHost: UserEditorHost = Object.assign(
    Object.create(this.partHost()) as PartHost,
    {
      user: () => this.selected!,
      fieldError: (name: string) => this.fieldErrors[name] ?? '',
      clearFieldError: (name: string) => this.clearFieldError(name),
      clearFieldErrors: () => (this.fieldErrors = {}),
      afterChange: (user: User) => this.afterChange(user),
    },
  );
  /** A question open beside its button: reset the second factors, or delete. */
  private confirmingReset = false;
  private confirmingDelete = false;

  private get w() {
    return usersTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() =>
      Promise.all([
        this.api.get('/api/admin/users', {
          query: { q: this.q, offset: this.offset, limit: PAGE },
        }),
        loadFactorViews(),
      ]),
    );
    if (r) {
      [{ users: this.users, total: this.total }, this.views] = r;
      if (this.editorParts.length === 0) {
        this.editorParts = this.views.flatMap((v) =>
          v.userEditorPart ? [v.userEditorPart(this.editorHost)] : [],
        );
      }
    }
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('q') && changed.get('q') !== undefined) {
      this.offset = 0;
      void this.load();
    }
  }

  protected override errorWords() {
    return this.w.errors;
  }

  protected override onError(e: unknown): boolean {
    const err = e as ApiError;
    const t = this.terms;
    const at: Record<string, string> = {
      secsign_id_taken: 'secSignId',
      secsign_id_unknown: 'secSignId',
      invalid_secsign_id: 'secSignId',
      last_secsign_admin: 'secSignId',
      username_taken: 'username',
      invalid_username: 'username',
      password_too_short: 'password',
      password_too_long: 'password',
      invalid_email: 'email',
      invalid_display_name: 'displayName',
    };
    const field = at[err.code];
    if (!field) return false;
    this.fieldErrors = {
      ...this.fieldErrors,
      [field]: this.w.errors[err.code] ?? t.errors[err.code] ?? err.message,
    };
    return this.focusField(field);
  }

  /** The submitted form's text fields (each form has every field its call reads). */
  private form(e: Event): (name: string) => string {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    return (name) => formText(data, name);
  }

  private async create(e: Event) {
    const f = this.form(e);
    this.fieldErrors = {};
    const r = await this.run(
      () =>
        this.api.send('POST', '/api/admin/users', {
          json: {
            username: f('username'),
            password: f('password'),
            displayName: f('displayName'),
            email: f('email'),
            role: f('role') as Role,
            ...(f('secSignId') ? { secSignId: f('secSignId') } : {}),
          },
        }),
      this.terms.saved,
    );
    if (r) {
      this.creating = false;
      this.selected = r.user;
      await this.load();
    }
  }

  private async saveUser(e: Event) {
    const f = this.form(e);
    const u = this.selected!;
    this.fieldErrors = {};
    const r = await this.run(
      () =>
        this.api.send('PATCH', '/api/admin/users/:id', {
          param: { id: u.id },
          json: {
            displayName: f('displayName'),
            email: f('email'),
            role: f('role') as Role,
            disabled: f('disabled') === 'on',
          },
        }),
      this.terms.saved,
      'edit',
    );
    if (r) await this.afterChange(r.user);
  }

  private async afterChange(user: User) {
    this.selected = user;
    const msg = this.message;
    await this.load();
    if (!this.message) this.message = msg;
  }

  private async password(e: Event) {
    const f = this.form(e);
    this.fieldErrors = {};
    const r = await this.run(
      () =>
        this.api.send('PUT', '/api/admin/users/:id/password', {
          param: { id: this.selected!.id },
          json: { password: f('password') },
        }),
      this.w.passwordSet,
      'password',
    );
    if (r) (e.target as HTMLFormElement).reset();
  }

  private async revoke() {
    const r = await this.run(() =>
      this.api.send('POST', '/api/admin/users/:id/revoke-sessions', {
        param: { id: this.selected!.id },
      }),
    );
    if (r) this.message = { kind: 'ok', text: this.w.revoked(r.revoked) };
  }

  /** Removes the user's authenticator apps, passkeys and recovery codes (after a confirmation). */
  private async resetFactors(confirmed: boolean) {
    if (!confirmed) {
      this.message = {
        kind: 'warn',
        text: this.w.confirmResetFactors(this.selected!.username),
      };
      this.confirmingReset = true;
      this.requestUpdate();
      return;
    }
    this.confirmingReset = false;
    const r = await this.run(
      () =>
        this.api.send('DELETE', '/api/admin/users/:id/factors', {
          param: { id: this.selected!.id },
        }),
      this.w.factorsReset,
    );
    if (r) this.factors = r;
  }

  /** Reads the selected user's second factors (shown with the status buttons). */
  private async loadFactors(id: number) {
    this.factors = null;
    const r = await this.api
      .get('/api/admin/users/:id/factors', { param: { id } })
      .catch(() => null);
    if (r && this.selected?.id === id) this.factors = r;
  }

  private async deleteUser(confirmed: boolean) {
    if (!confirmed) {
      this.message = { kind: 'warn', text: this.terms.confirmDelete(this.selected!.username) };
      this.confirmingDelete = true;
      this.requestUpdate();
      return;
    }
    this.confirmingDelete = false;
    const ok = await this.run(
      () => this.api.send('DELETE', '/api/admin/users/:id', { param: { id: this.selected!.id } }),
      this.terms.saved,
    );
    if (ok) {
      this.selected = null;
      const msg = this.message;
      await this.load();
      this.message = msg;
    }
  }

  private renderCreate() {
    return renderUserCreate({
      t: this.terms,
      w: this.w,
      busy: this.busy,
      fieldError: (name) => this.fieldErrors[name] ?? '',
      clearFieldError: (name) => this.clearFieldError(name),
      submit: (e) => void this.create(e),
      cancel: () => (this.creating = false),
    });
  }

  private renderEdit(user: User) {
    return renderUserEditor({
      t: this.terms,
      w: this.w,
      user,
      busy: this.busy,
      fieldError: (name) => this.fieldErrors[name] ?? '',
      clearFieldError: (name) => this.clearFieldError(name),
      parts: this.editorParts.map((part) => part.render()),
      factors: renderUserFactors(this.terms, this.w, this.factors, this.views),
      status: this.renderStatus(),
      saved: (at) => this.renderSaved(at),
      confirmingReset: this.confirmingReset,
      confirmingDelete: this.confirmingDelete,
      saveUser: (e) => void this.saveUser(e),
      setPassword: (e) => void this.password(e),
      revoke: () => void this.revoke(),
      resetFactors: (confirmed) => void this.resetFactors(confirmed),
      deleteUser: (confirmed) => void this.deleteUser(confirmed),
      cancelReset: () => ((this.confirmingReset = false), (this.message = null)),
      cancelDelete: () => ((this.confirmingDelete = false), (this.message = null)),
      close: () => (this.selected = null),
    });
  }

  private clearFieldError(name: string) {
    this.fieldErrors = { ...this.fieldErrors, [name]: '' };
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const open = (u: User) => {
      this.fieldErrors = {};
      this.message = null;
      this.confirmingDelete = false;
      this.creating = false;
      this.selected = u;
      void this.loadFactors(u.id);
    };
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.users}</h2>
      <form
        role="search"
        class="row"
        @submit=${(e: Event) => {
          e.preventDefault();
          this.q = formText(new FormData(e.target as HTMLFormElement), 'q');
          this.offset = 0;
          void this.load();
        }}
      >
        <label class="field grow"
          >${w.search}<input name="q" type="search" .value=${this.q} placeholder=${w.searchHint}
        /></label>
        <button type="submit">${w.search}</button>
        <button
          class="primary"
          type="button"
          @click=${() => ((this.creating = true), (this.selected = null), (this.fieldErrors = {}), (this.message = null))}
        >
          ${w.addUser}
        </button>
      </form>
      ${this.creating ? this.renderCreate() : nothing}
      ${this.selected ? this.renderEdit(this.selected) : nothing}
      ${this.selected ? nothing : this.renderStatus()}
      ${renderUserList({
        t,
        w,
        users: this.users,
        total: this.total,
        offset: this.offset,
        busy: this.busy,
        open,
        go: (offset) => ((this.offset = offset), void this.load()),
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-users-section'))
  customElements.define('ipsz-users-section', UsersSection);
