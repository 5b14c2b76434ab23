/**
 * SecSign ID on the admin and profile pages: its name, and the two places an ID is given — the
 * profile's "Change your SecSign ID" (when the setting lets users change their own; else who can)
 * and the users section's SecSign ID form of one user (assign, change, clear). A refusal (taken,
 * unknown to the ID server) is shown at the field; an ID the ID server could not confirm is saved
 * with a warning. The ID itself is part of a user's data, shown by the pages. And the way to
 * confirm "it's you" with it: the access pass, then the phone.
 */
import { html, nothing } from 'lit';
import type { Answer } from '../../api.js';
import { formText } from '../../../widget/form-text.js';
import { field } from '../../users/user-fields.js';
import { factorTerms } from '../factor-terms.js';
import type {
  ConfirmHost,
  ConfirmWay,
  FactorView,
  Part,
  PartHost,
  ProfileDataHost,
  UserEditorHost,
} from '../factor-view.js';

const en = {
  changeOwnId: 'Change your SecSign ID',
  ownIdLocked: 'Only an administrator can change your SecSign ID.',
  saveSecSignId: 'Save SecSign ID',
  clearSecSignId: 'Clear SecSign ID',
  /** After a SecSign ID was assigned without the ID server confirming it exists. */
  secSignIdNotChecked:
    'Saved. The SecSign ID server could not confirm that this SecSign ID exists — check the spelling.',
  withSecSign: 'Confirm with SecSign ID',
  secSignHint: (id: string) => `Pick this symbol in the SecSign ID app on your phone (${id}).`,
  accessPassAlt: 'Access pass symbol to pick in the SecSign ID app',
  waiting: 'Waiting for your phone…',
};

const de: typeof en = {
  changeOwnId: 'Ihre SecSign ID ändern',
  ownIdLocked: 'Nur ein Administrator kann Ihre SecSign ID ändern.',
  saveSecSignId: 'SecSign ID speichern',
  clearSecSignId: 'SecSign ID entfernen',
  secSignIdNotChecked:
    'Gespeichert. Der SecSign-ID-Server konnte nicht bestätigen, dass es diese SecSign ID gibt – bitte die Schreibweise prüfen.',
  withSecSign: 'Mit SecSign ID bestätigen',
  secSignHint: (id) => `Wählen Sie dieses Symbol in der SecSign-ID-App auf Ihrem Telefon (${id}).`,
  accessPassAlt: 'Zugangssymbol, das Sie in der SecSign-ID-App wählen',
  waiting: 'Warten auf Ihr Telefon …',
};

const words = (code: string) => (code === 'de' ? de : en);

/** The refusals shown at the profile's SecSign ID field. */
const AT_FIELD = [
  'secsign_id_taken',
  'secsign_id_unknown',
  'invalid_secsign_id',
  'secsign_id_change_not_allowed',
];

/** What a saved SecSign ID answers: the user, whether the ID server knew the ID, whether held. */
type Saved =
  | Answer<'PUT', '/api/me/secsign-id'>
  | Answer<'PUT', '/api/admin/users/:id/secsign-id'>
  | Answer<'DELETE', '/api/admin/users/:id/secsign-id'>;

/**
 * Saves an ID through `call` ("Saved." beside the field), hands the user it answered with to
 * `take`, then warns when the ID server could not confirm the ID exists — or, when the ID was held
 * for an administrator's approval (a first factor; the factors card says what waits), says so.
 * Answers whether it was held.
 */
async function saveId<A extends Saved>(
  h: PartHost,
  call: () => Promise<A>,
  take: (user: A['user']) => unknown,
): Promise<boolean> {
  const r = await h.run(call, h.terms.saved, 'secSignId');
  if (r) await take(r.user);
  const saved: Saved | undefined = r;
  const held = saved !== undefined && 'waitingApproval' in saved && saved.waitingApproval;
  if (held) h.say('warn', factorTerms(h.terms.code).sentForApproval);
  else if (saved && 'secSignIdCheck' in saved && saved.secSignIdCheck?.checked === false) {
    h.say('warn', words(h.terms.code).secSignIdNotChecked);
  }
  return held === true;
}

/** The profile's "Change your SecSign ID". */
class OwnIdPart implements Part {
  private idError = '';
  /** The last ID given was held for approval: not "Saved." (the message line says so). */
  private held = false;

  constructor(private readonly host: ProfileDataHost) {}

  onError(e: unknown): boolean {
    const { code, message } = e as { code: string; message: string };
    if (!AT_FIELD.includes(code)) return false;
    this.idError = this.host.terms.errors[code] ?? message;
    this.host.requestUpdate();
    return this.host.focusField('secSignId');
  }

  private change = async (e: Event) => {
    e.preventDefault();
    const h = this.host;
    const value = formText(new FormData(e.target as HTMLFormElement), 'secSignId').trim();
    this.idError = '';
    this.held = await saveId(
      h,
      () => h.api.send('PUT', '/api/me/secsign-id', { json: { secSignId: value || null } }),
      (user) => h.setUser(user),
    );
    h.requestUpdate();
  };

  render() {
    const h = this.host;
    const t = h.terms;
    const w = words(t.code);
    const me = h.me();
    return html`<h3>${w.changeOwnId}</h3>
      ${
        me.canChangeOwnId
          ? html`<form class="row" @submit=${this.change}>
              <label class="field grow"
                >${t.secSignId}
                <input
                  name="secSignId"
                  .value=${me.user.secSignId ?? ''}
                  autocomplete="off"
                  aria-invalid=${this.idError ? 'true' : 'false'}
                  aria-describedby="id-err"
                />
                <span id="id-err" class="field-error">${this.idError}</span>
              </label>
              <button class="primary" type="submit" ?disabled=${h.busy}>${w.saveSecSignId}</button>
              ${this.held ? nothing : h.saved('secSignId')}
            </form>`
          : html`<p class="hint" data-id-locked>${w.ownIdLocked}</p>`
      }`;
  }
}

/** The users section's SecSign ID form of one user. */
class UserIdPart implements Part {
  constructor(private readonly host: UserEditorHost) {}

  private save = (e: Event) => {
    e.preventDefault();
    const value = formText(new FormData(e.target as HTMLFormElement), 'secSignId');
    void this.send(value);
  };

  private clear = () => void this.send(null);

  /** Assigns `secSignId`, or clears it (null). */
  private async send(secSignId: string | null) {
    const h = this.host;
    h.clearFieldErrors();
    const id = h.user().id;
    await saveId(
      h,
      () =>
        secSignId === null
          ? h.api.send('DELETE', '/api/admin/users/:id/secsign-id', { param: { id } })
          : h.api.send('PUT', '/api/admin/users/:id/secsign-id', {
              param: { id },
              json: { secSignId },
            }),
      (user) => h.afterChange(user),
    );
  }

  render() {
    const h = this.host;
    const t = h.terms;
    const w = words(t.code);
    const u = h.user();
    return html`<form aria-label=${t.secSignId} @submit=${this.save}>
      <h3>${t.secSignId}</h3>
      <div class="row">
        <div class="grow">${field(h, 'secSignId', t.secSignId, u.secSignId ?? '')}</div>
        <button class="primary" type="submit" ?disabled=${h.busy}>${w.saveSecSignId}</button>
        <button type="button" ?disabled=${h.busy || !u.secSignId} @click=${this.clear}>
          ${w.clearSecSignId}
        </button>
        ${h.saved('secSignId')}
      </div>
    </form>`;
  }
}

/**
 * "Confirm it's you" with SecSign ID: the request goes to the phone, the dialog shows the access
 * pass to pick and asks the server again as it says (`pollAfterMs`) until it is confirmed, refused
 * or expired.
 */
class ConfirmWithSecSign implements ConfirmWay {
  private pending: Answer<'POST', '/api/me/reauth/secsign'> | null = null;
  private timer = 0;

  constructor(private readonly host: ConfirmHost) {}

  waiting() {
    return this.pending !== null;
  }

  stop() {
    clearTimeout(this.timer);
    this.pending = null;
  }

  private start = () =>
    this.host.attempt(async () => {
      this.pending = await this.host.api.send('POST', '/api/me/reauth/secsign');
      this.poll(this.pending.pollAfterMs);
      return this.pending;
    });

  private poll(afterMs = 2000) {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      const p = this.pending;
      if (!p) return;
      void this.host.attempt(async () => {
        const r = await this.host.api
          .send('POST', '/api/me/reauth/secsign/status', { json: { transaction: p.transaction } })
          .catch((e: unknown) => {
            this.pending = null;
            throw e;
          });
        if (r.status === 'secsign_pending') this.poll(r.pollAfterMs);
        return r;
      });
    }, afterMs);
  }

  render() {
    const w = words(this.host.terms.code);
    const p = this.pending;
    if (!p) {
      return html`<p class="way">
        <button
          class="primary"
          data-confirm="secsign"
          @click=${this.start}
          ?disabled=${this.host.busy}
        >
          ${w.withSecSign}
        </button>
      </p>`;
    }
    return html`<div class="way" data-confirm="secsign-pending">
      <p>${w.secSignHint(p.secSignId)}</p>
      ${
        p.accessPass?.startsWith('data:image/')
          ? html`<img
              class="pass"
              src=${p.accessPass}
              alt=${w.accessPassAlt}
              width="88"
              height="88"
            />`
          : nothing
      }
      <p class="hint">${w.waiting}</p>
    </div>`;
  }
}

export const view: FactorView = {
  name: 'secsign',
  policyLabel: () => 'SecSign ID',
  itemLabel: () => 'SecSign ID',
  profileDataPart: (host) => new OwnIdPart(host),
  userEditorPart: (host) => new UserIdPart(host),
  confirmWay: (host) => new ConfirmWithSecSign(host),
};
