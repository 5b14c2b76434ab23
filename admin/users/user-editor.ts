/**
 * The users section's forms: adding a user, and the editor of one user — their details (display
 * name, e-mail, role, disabled), what the factors' views add (SecSign ID), password, their second factors,
 * and the buttons that sign them out everywhere, reset their second factors or delete them (the
 * last two confirmed inline). The section (`users-section.ts`) holds the state and makes the calls.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { User } from '../api.js';
import type { Terms } from '../terms.js';
import type { Drawn } from '../factors/factor-view.js';
import { factorTerms } from '../factors/factor-terms.js';
import { field, roleSelect, type FieldErrors } from './user-fields.js';
import type { UsersTerms } from './users-terms.js';

type Submit = (e: Event) => void;

/** The new user's form. */
export interface UserCreate extends FieldErrors {
  t: Terms;
  w: UsersTerms;
  busy: boolean;
  submit: Submit;
  cancel(): void;
}

export function renderUserCreate(p: UserCreate): TemplateResult {
  const { t, w } = p;
  return html`<form class="card" aria-label=${w.addUser} @submit=${p.submit}>
    <h3>${w.addUser}</h3>
    <div class="grid">
      ${field(p, 'username', t.username, '', { required: true })}
      ${field(p, 'password', w.password, '', { type: 'password', required: true, auto: 'new-password' })}
      ${field(p, 'displayName', t.displayName, '')}
      ${field(p, 'email', t.email, '', { type: 'email' })} ${field(p, 'secSignId', t.secSignId, '')}
      ${roleSelect(t, 'user')}
    </div>
    <div class="row">
      <button class="primary" type="submit" ?disabled=${p.busy}>${t.save}</button>
      <button type="button" @click=${p.cancel}>${t.cancel}</button>
    </div>
  </form>`;
}

/** One user's editor: what it shows and what its forms and buttons do. */
export interface UserEditor extends FieldErrors {
  t: Terms;
  w: UsersTerms;
  user: User;
  busy: boolean;
  /** What the factors' views add to the editor (SecSign ID: assign, change, clear). */
  parts: Drawn[];
  /** The user's second factors (`user-factors-list.ts`). */
  factors: TemplateResult | typeof nothing;
  /** The section's message line. */
  status: TemplateResult;
  /** "Saved." beside the form `at`. */
  saved(at: string): TemplateResult;
  confirmingReset: boolean;
  confirmingDelete: boolean;
  saveUser: Submit;
  setPassword: Submit;
  revoke(): void;
  resetFactors(confirmed: boolean): void;
  deleteUser(confirmed: boolean): void;
  /** Take back the question to reset the second factors, or to delete. */
  cancelReset(): void;
  cancelDelete(): void;
  close(): void;
}

export function renderUserEditor(p: UserEditor): TemplateResult {
  const { t, w, user: u } = p;
  const ft = factorTerms(t.code);
  return html`<div class="card" role="group" aria-label=${`${t.edit}: ${u.username}`}>
    <h3>${t.edit}: ${u.username}</h3>
    <form aria-label=${t.edit} @submit=${p.saveUser}>
      <div class="grid">
        ${field(p, 'displayName', t.displayName, u.displayName)}
        ${field(p, 'email', t.email, u.email, { type: 'email' })} ${roleSelect(t, u.role)}
      </div>
      <label class="check"
        ><input type="checkbox" name="disabled" .checked=${u.disabled} />${w.accountDisabled}</label
      >
      <div class="row">
        <button class="primary" type="submit" ?disabled=${p.busy}>${t.save}</button>
        ${p.saved('edit')}
      </div>
    </form>
    ${p.parts}
    <form aria-label=${w.setPassword} @submit=${p.setPassword}>
      <h3>${w.password}</h3>
      <div class="row">
        <div class="grow">
          ${field(p, 'password', w.newPassword, '', { type: 'password', auto: 'new-password', required: true })}
        </div>
        <button type="submit" ?disabled=${p.busy}>${w.setPassword}</button>
        ${p.saved('password')}
      </div>
    </form>
    <h3>${ft.factorsTitle}</h3>
    ${p.factors}
    <h3>${t.status}</h3>
    <div class="row">
      <button @click=${p.revoke} ?disabled=${p.busy}>${w.revokeSessions}</button>
      ${
        p.confirmingReset
          ? html`<button class="danger" data-confirm-reset @click=${() => p.resetFactors(true)}>
                ${w.resetFactors}
              </button>
              <button @click=${p.cancelReset}>${t.cancel}</button>`
          : html`<button
              data-reset-factors
              @click=${() => p.resetFactors(false)}
              ?disabled=${p.busy}
            >
              ${w.resetFactors}
            </button>`
      }
      ${
        p.confirmingDelete
          ? html`<button class="danger" @click=${() => p.deleteUser(true)}>${t.yesDelete}</button>
              <button @click=${p.cancelDelete}>${t.cancel}</button>`
          : html`<button @click=${() => p.deleteUser(false)} ?disabled=${p.busy}>
              ${t.delete}
            </button>`
      }
      <button type="button" @click=${p.close}>${t.cancel}</button>
    </div>
    ${p.status}
  </div>`;
}
