/**
 * `<ipsz-passkeys-section>`: the profile page's passkeys — the list (name, when added and last
 * used, whether synced), adding one (the browser's WebAuthn dialog, through its JSON helpers
 * `PublicKeyCredential.parseCreationOptionsFromJSON` and `credential.toJSON()`) and removing one.
 * The server's enrolment rule decides; when it would refuse, the section says how to get there.
 */
import { html, nothing } from 'lit';
import type { Answer, ApiError, Body } from '../../api.js';
import { SectionBase } from '../../section-base.js';
import { listTable } from '../../list-table.js';
import { when } from '../../terms.js';
import { passkeyTerms } from './passkeys-terms.js';
import { factorTerms } from '../factor-terms.js';
import { formText } from '../../../widget/form-text.js';

/** `GET /api/me/passkeys`: the passkeys and whether this session may add or remove one. */
type PasskeysAnswer = Answer<'GET', '/api/me/passkeys'>;
type Passkey = PasskeysAnswer['passkeys'][number];

class PasskeyCanceled extends Error {
  readonly code = 'passkey_canceled';
}

const supported = () =>
  typeof PublicKeyCredential === 'function' &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';

export class PasskeysSection extends SectionBase {
  static override properties = { ...SectionBase.properties, list: { state: true } };
  private list: PasskeysAnswer | null = null;

  private get pt() {
    return passkeyTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() => this.api.get('/api/me/passkeys'));
    if (r) this.list = r;
  }

  /** Runs `work`, its errors in this section's words when it has them (else the page's). */
  private attempt<T>(work: () => Promise<T>, okText: string) {
    return this.run(async () => {
      try {
        return await work();
      } catch (e) {
        const code = (e as Partial<ApiError>).code;
        const text = code ? this.pt.errors[code] : undefined;
        throw text ? Object.assign(new Error(text), { code: `passkey:${code}` }) : e;
      }
    }, okText);
  }

  private async add(e: Event) {
    e.preventDefault();
    const label =
      formText(new FormData(e.target as HTMLFormElement), 'label').trim() ||
      this.pt.passkeyNameDefault;
    const done = await this.attempt(async () => {
      const start = await this.api.send('POST', '/api/me/passkeys/options');
      let credential: Credential | null;
      try {
        credential = await navigator.credentials.create({
          // The server's options are WebAuthn's JSON form, which the browser's own types spell otherwise.
          publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(
            start.options as PublicKeyCredentialCreationOptionsJSON,
          ),
        });
      } catch {
        throw new PasskeyCanceled();
      }
      if (!(credential instanceof PublicKeyCredential)) throw new PasskeyCanceled();
      return this.api.send('POST', '/api/me/passkeys', {
        json: {
          transaction: start.transaction,
          label,
          // The browser's credential as it serialises it; the server checks its shape.
          credential: credential.toJSON() as Body<'POST', '/api/me/passkeys'>['credential'],
        },
      });
    }, this.pt.passkeyAdded);
    // A first passkey held for an administrator's approval (202) was not added yet.
    if (done && 'waitingApproval' in done)
      this.message = { kind: 'warn', text: factorTerms(this.terms.code).sentForApproval };
    if (done) await this.reloadKeepingMessage();
  }

  private async removeKey(p: Passkey) {
    const done = await this.attempt(
      () => this.api.send('DELETE', '/api/me/passkeys/:id', { param: { id: p.id } }),
      this.pt.passkeyRemoved,
    );
    if (done) await this.reloadKeepingMessage();
  }

  private async reloadKeepingMessage() {
    const message = this.message;
    await this.load();
    this.message = message;
  }

  private renderRow(p: Passkey) {
    const t = this.terms;
    const pt = this.pt;
    return html`<tr data-passkey=${p.id}>
      <td>${p.label}${p.synced ? html` <span class="badge">${pt.synced}</span>` : nothing}</td>
      <td>${when(t, p.createdAt)}</td>
      <td>${p.lastUsedAt ? when(t, p.lastUsedAt) : pt.never}</td>
      <td>
        <button
          @click=${() => this.removeKey(p)}
          ?disabled=${this.busy || !this.list?.mayRemove}
          aria-label=${pt.removeNamed(p.label)}
        >
          ${pt.removePasskey}
        </button>
      </td>
    </tr>`;
  }

  override render() {
    const pt = this.pt;
    const list = this.list;
    const keys = list?.passkeys ?? [];
    return html`<section class="card" aria-labelledby="passkeys" lang=${this.terms.code}>
      <h2 id="passkeys">${pt.passkeys}</h2>
      <p class="hint">${pt.passkeysIntro}</p>
      ${this.renderStatus()}
      ${
        keys.length === 0
          ? html`<p data-no-passkeys>${pt.noPasskeys}</p>`
          : listTable({
              columns: [pt.name, pt.added, pt.lastUsed, { srOnly: pt.removePasskey }],
              items: keys,
              row: (p) => this.renderRow(p),
            })
      }
      ${
        !supported()
          ? html`<p class="hint">${pt.unsupported}</p>`
          : list && !list.mayAdd
            ? html`<p class="hint" data-passkey-locked>${pt.changeNeedsSecondFactor}</p>`
            : html`<form class="row" @submit=${this.add}>
                <label class="field grow"
                  >${pt.passkeyName}
                  <input name="label" maxlength="80" placeholder=${pt.passkeyNameDefault} />
                </label>
                <button class="primary" type="submit" ?disabled=${this.busy || !list}>
                  ${pt.addPasskey}
                </button>
              </form>`
      }
    </section>`;
  }
}
if (!customElements.get('ipsz-passkeys-section'))
  customElements.define('ipsz-passkeys-section', PasskeysSection);

declare global {
  interface HTMLElementTagNameMap {
    'ipsz-passkeys-section': PasskeysSection;
  }
}
