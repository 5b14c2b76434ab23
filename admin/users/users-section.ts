/**
 * Users: search and page; create; edit display name, e-mail, role and disabled; reset a password;
 * assign, change or clear the SecSign ID (uniqueness errors shown at the field); sign a user out
 * everywhere; delete. Refusals from the seed's rules (last SecSign administrator …) are shown in
 * plain words.
 */
import { html, nothing } from 'lit';
import type { ApiError, Factors, User } from '../api.js';
import { when } from '../terms.js';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { renderPager } from '../pager.js';
import { formText } from '../../widget/form-text.js';
import { usersTerms } from './users-terms.js';
import { factorTerms } from '../factors/factor-terms.js';

const PAGE = 20;

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

  private get w() {
    return usersTerms(this.terms.code);
  }

  private get ft() {
    return factorTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() =>
      this.api.get<{ users: User[]; total: number }>('/api/admin/users', {
        q: this.q,
        offset: this.offset,
        limit: PAGE,
      }),
    );
    if (r) {
      this.users = r.users;
      this.total = r.total;
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

  private form(e: Event): Record<string, string> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    return Object.fromEntries([...data.keys()].map((k) => [k, formText(data, k)]));
  }

  private async create(e: Event) {
    const f = this.form(e);
    this.fieldErrors = {};
    const r = await this.run(
      () =>
        this.api.send<{ user: User }>('POST', '/api/admin/users', {
          username: f.username,
          password: f.password,
          displayName: f.displayName,
          email: f.email,
          role: f.role,
          ...(f.secSignId ? { secSignId: f.secSignId } : {}),
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
        this.api.send<{ user: User }>('PATCH', `/api/admin/users/${u.id}`, {
          displayName: f.displayName,
          email: f.email,
          role: f.role,
          disabled: f.disabled === 'on',
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
        this.api.send<{ user: User }>('PUT', `/api/admin/users/${this.selected!.id}/password`, {
          password: f.password,
        }),
      this.w.passwordSet,
      'password',
    );
    if (r) (e.target as HTMLFormElement).reset();
  }

  private async secSignId(e: Event, clear: boolean) {
    const f = clear ? {} : this.form(e);
    this.fieldErrors = {};
    const id = this.selected!.id;
    const r = await this.run(
      () =>
        clear
          ? this.api.send<{ user: User }>('DELETE', `/api/admin/users/${id}/secsign-id`)
          : this.api.send<{ user: User; secSignIdCheck?: { checked: boolean } }>(
              'PUT',
              `/api/admin/users/${id}/secsign-id`,
              { secSignId: f.secSignId ?? '' },
            ),
      this.terms.saved,
      'secSignId',
    );
    if (r) await this.afterChange(r.user);
    const check = (r as { secSignIdCheck?: { checked: boolean } } | undefined)?.secSignIdCheck;
    if (check?.checked === false) {
      this.message = { kind: 'warn', text: this.terms.secSignIdNotChecked };
    }
  }

  private async revoke() {
    const r = await this.run(() =>
      this.api.send<{ revoked: number }>(
        'POST',
        `/api/admin/users/${this.selected!.id}/revoke-sessions`,
      ),
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
      () => this.api.send<Factors>('DELETE', `/api/admin/users/${this.selected!.id}/factors`),
      this.w.factorsReset,
    );
    if (r) this.factors = r;
  }

  /** Reads the selected user's second factors (shown with the status buttons). */
  private async loadFactors(id: number) {
    this.factors = null;
    const r = await this.api.get<Factors>(`/api/admin/users/${id}/factors`).catch(() => null);
    if (r && this.selected?.id === id) this.factors = r;
  }

  private renderFactors() {
    const t = this.terms;
    const w = this.w;
    const ft = this.ft;
    const f = this.factors;
    if (!f) return nothing;
    const name = (factor: string) => (factor === 'totp' ? ft.authApp : ft.factorNames[factor]);
    const lines = [
      ...f.factors.map(
        (x) =>
          `${name(x.factor)} “${x.label}” — ${ft.addedOn(when(t, x.createdAt))}, ${
            x.lastUsedAt ? ft.lastUsedOn(when(t, x.lastUsedAt)) : ft.neverUsed
          }`,
      ),
      ...(f.recoveryCodesLeft > 0 ? [ft.recoveryLeft(f.recoveryCodesLeft)] : []),
    ];
    return html`<ul data-user-factors aria-label=${ft.factorsTitle}>
      ${
        lines.length === 0
          ? html`<li>${w.noUserFactors}</li>`
          : lines.map((l) => html`<li>${l}</li>`)
      }
    </ul>`;
  }
  private confirmingReset = false;

  private async deleteUser(confirmed: boolean) {
    if (!confirmed) {
      this.message = { kind: 'warn', text: this.terms.confirmDelete(this.selected!.username) };
      this.confirmingDelete = true;
      this.requestUpdate();
      return;
    }
    this.confirmingDelete = false;
    const ok = await this.run(
      () => this.api.send('DELETE', `/api/admin/users/${this.selected!.id}`),
      this.terms.saved,
    );
    if (ok) {
      this.selected = null;
      const msg = this.message;
      await this.load();
      this.message = msg;
    }
  }
  private confirmingDelete = false;

  private field(
    name: string,
    label: string,
    value: string,
    opts: { type?: string; required?: boolean; auto?: string } = {},
  ) {
    const err = this.fieldErrors[name] ?? '';
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
          if (err) this.fieldErrors = { ...this.fieldErrors, [name]: '' };
        }}
      />
      <span id=${`${name}-err`} class="field-error">${err}</span>
    </label>`;
  }

  private roleSelect(role: string) {
    const t = this.terms;
    return html`<label class="field"
      >${t.role}
      <select name="role">
        <option value="user" ?selected=${role === 'user'}>${t.roleUser}</option>
        <option value="admin" ?selected=${role === 'admin'}>${t.roleAdmin}</option>
      </select></label
    >`;
  }

  private renderCreate() {
    const t = this.terms;
    const w = this.w;
    return html`<form class="card" aria-label=${w.addUser} @submit=${this.create}>
      <h3>${w.addUser}</h3>
      <div class="grid">
        ${this.field('username', t.username, '', { required: true })}
        ${this.field('password', w.password, '', { type: 'password', required: true, auto: 'new-password' })}
        ${this.field('displayName', t.displayName, '')}
        ${this.field('email', t.email, '', { type: 'email' })}
        ${this.field('secSignId', t.secSignId, '')} ${this.roleSelect('user')}
      </div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button>
        <button type="button" @click=${() => (this.creating = false)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private renderEdit(u: User) {
    const t = this.terms;
    const w = this.w;
    const ft = this.ft;
    return html`<div class="card" role="group" aria-label=${`${t.edit}: ${u.username}`}>
      <h3>${t.edit}: ${u.username}</h3>
      <form aria-label=${t.edit} @submit=${this.saveUser}>
        <div class="grid">
          ${this.field('displayName', t.displayName, u.displayName)}
          ${this.field('email', t.email, u.email, { type: 'email' })} ${this.roleSelect(u.role)}
        </div>
        <label class="check"
          ><input
            type="checkbox"
            name="disabled"
            .checked=${u.disabled}
          />${w.accountDisabled}</label
        >
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button>
          ${this.renderSaved('edit')}
        </div>
      </form>
      <form aria-label=${t.secSignId} @submit=${(e: Event) => this.secSignId(e, false)}>
        <h3>${t.secSignId}</h3>
        <div class="row">
          <div class="grow">${this.field('secSignId', t.secSignId, u.secSignId ?? '')}</div>
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.saveSecSignId}</button>
          <button
            type="button"
            ?disabled=${this.busy || !u.secSignId}
            @click=${(e: Event) => this.secSignId(e, true)}
          >
            ${w.clearSecSignId}
          </button>
          ${this.renderSaved('secSignId')}
        </div>
      </form>
      <form aria-label=${w.setPassword} @submit=${this.password}>
        <h3>${w.password}</h3>
        <div class="row">
          <div class="grow">
            ${this.field('password', w.newPassword, '', { type: 'password', auto: 'new-password', required: true })}
          </div>
          <button type="submit" ?disabled=${this.busy}>${w.setPassword}</button>
          ${this.renderSaved('password')}
        </div>
      </form>
      <h3>${ft.factorsTitle}</h3>
      ${this.renderFactors()}
      <h3>${t.status}</h3>
      <div class="row">
        <button @click=${this.revoke} ?disabled=${this.busy}>${w.revokeSessions}</button>
        ${
          this.confirmingReset
            ? html`<button
                  class="danger"
                  data-confirm-reset
                  @click=${() => this.resetFactors(true)}
                >
                  ${w.resetFactors}
                </button>
                <button @click=${() => ((this.confirmingReset = false), (this.message = null))}>
                  ${t.cancel}
                </button>`
            : html`<button
                data-reset-factors
                @click=${() => this.resetFactors(false)}
                ?disabled=${this.busy}
              >
                ${w.resetFactors}
              </button>`
        }
        ${
          this.confirmingDelete
            ? html`<button class="danger" @click=${() => this.deleteUser(true)}>
                  ${t.yesDelete}
                </button>
                <button @click=${() => ((this.confirmingDelete = false), (this.message = null))}>
                  ${t.cancel}
                </button>`
            : html`<button @click=${() => this.deleteUser(false)} ?disabled=${this.busy}>
                ${t.delete}
              </button>`
        }
        <button type="button" @click=${() => (this.selected = null)}>${t.cancel}</button>
      </div>
      ${this.renderStatus()}
    </div>`;
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
      ${listTable({
        columns: [t.username, t.displayName, t.role, t.secSignId, t.status],
        items: this.users,
        empty: t.none,
        row: (u) =>
          html`<tr data-user=${u.username}>
            <th scope="row">
              <button class="link" @click=${() => open(u)}>${u.username}</button>
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
        offset: this.offset,
        total: this.total,
        pageSize: PAGE,
        busy: this.busy,
        terms: t,
        go: (offset) => ((this.offset = offset), void this.load()),
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-users-section'))
  customElements.define('ipsz-users-section', UsersSection);
