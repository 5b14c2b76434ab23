/**
 * OpenID Connect clients (Jira, Confluence, Grafana …): the issuer to enter in the application, the
 * registered clients, adding one (redirect URIs one per line, matched exactly), rotating a secret
 * and removing a client. A new secret is shown once, right after it was made, and never again. Its
 * words, in English and German, are beside it (`oidc-terms.ts`).
 */
import { html, nothing } from 'lit';
import type { Answer } from '../api.js';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { oidcTerms } from './oidc-terms.js';

/** A client as the admin API lists it (never a secret). */
export type OidcClient = Answer<'GET', '/api/admin/oidc/clients'>['clients'][number];

interface Draft {
  clientId: string;
  name: string;
  redirectUris: string;
  public: boolean;
}

export class OidcClientsSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    clients: { state: true },
    draft: { state: true },
    secret: { state: true },
    removing: { state: true },
  };
  private clients: OidcClient[] = [];
  private issuer = '';
  private enabled = true;
  private draft: Draft | null = null;
  private secret: { clientId: string; value: string } | null = null;
  private removing: string | null = null;

  private get w() {
    return oidcTerms(this.terms.code);
  }

  protected override async load() {
    const r = await this.run(() => this.api.get('/api/admin/oidc/clients'));
    if (r) {
      this.clients = r.clients;
      this.issuer = r.issuer;
      this.enabled = r.enabled;
    }
  }

  private async reload(text: string) {
    await this.load();
    this.message = { kind: 'ok', text };
  }

  private async save() {
    const d = this.draft!;
    const body = {
      clientId: d.clientId.trim(),
      name: d.name.trim() || d.clientId.trim(),
      redirectUris: d.redirectUris
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      public: d.public,
    };
    const r = await this.run(() =>
      this.api.send('POST', '/api/admin/oidc/clients', { json: body }),
    );
    if (r) {
      this.draft = null;
      this.secret = r.secret ? { clientId: r.client.clientId, value: r.secret } : null;
      await this.reload(this.w.added);
    }
  }

  private async rotate(c: OidcClient) {
    const r = await this.run(() =>
      this.api.send('POST', '/api/admin/oidc/clients/:id/rotate-secret', {
        param: { id: c.clientId },
      }),
    );
    if (r) {
      this.secret = { clientId: c.clientId, value: r.secret };
      await this.reload(this.w.rotated);
    }
  }

  private async removeClient(id: string) {
    this.removing = null;
    const ok = await this.run(() =>
      this.api.send('DELETE', '/api/admin/oidc/clients/:id', { param: { id } }),
    );
    if (ok) {
      if (this.secret?.clientId === id) this.secret = null;
      await this.reload(this.w.removed);
    }
  }

  private setDraft(patch: Partial<Draft>) {
    this.draft = { ...this.draft!, ...patch };
  }

  private renderDraft() {
    const w = this.w;
    const d = this.draft!;
    const input = (key: 'clientId' | 'name') => (e: Event) =>
      this.setDraft({ [key]: (e.target as HTMLInputElement).value });
    return html`<form
      class="card"
      aria-label=${w.add}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.save();
      }}
    >
      <h3>${w.add}</h3>
      <div class="grid">
        <label class="field"
          >${w.clientId}
          <input
            name="clientId"
            required
            maxlength="64"
            .value=${d.clientId}
            @input=${input('clientId')}
        /></label>
        <label class="field"
          >${w.name} <input name="name" maxlength="100" .value=${d.name} @input=${input('name')}
        /></label>
      </div>
      <label class="field"
        >${w.redirectUris}
        <textarea
          name="redirectUris"
          rows="3"
          required
          .value=${d.redirectUris}
          @input=${(e: Event) =>
            this.setDraft({ redirectUris: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        <span class="hint">${w.redirectHint}</span>
      </label>
      <label class="check"
        ><input
          type="checkbox"
          name="public"
          .checked=${d.public}
          @change=${(e: Event) => this.setDraft({ public: (e.target as HTMLInputElement).checked })}
        />${w.public}</label
      >
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${w.save}</button>
        <button type="button" @click=${() => (this.draft = null)}>${w.cancel}</button>
      </div>
    </form>`;
  }

  override render() {
    const w = this.w;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.title}</h2>
      <p class="hint">${w.intro}</p>
      <p>${w.issuer}: <code data-field="issuer">${this.issuer}</code></p>
      ${this.enabled ? nothing : html`<p class="msg warn" role="alert">${w.off}</p>`}
      ${
        this.secret
          ? html`<div class="msg warn" role="alert" data-field="secret">
              <p>${w.secretOnce(this.secret.clientId)}</p>
              <code>${this.secret.value}</code>
            </div>`
          : nothing
      }
      ${
        this.removing
          ? html`<div class="msg warn" role="alert">
              <p>${w.confirmRemove(this.removing)}</p>
              <div class="row">
                <button
                  class="danger"
                  type="button"
                  @click=${() => this.removeClient(this.removing!)}
                >
                  ${w.yesRemove}
                </button>
                <button type="button" @click=${() => (this.removing = null)}>${w.cancel}</button>
              </div>
            </div>`
          : nothing
      }
      ${
        this.draft
          ? this.renderDraft()
          : html`<button
              class="primary"
              @click=${() => {
                this.secret = null;
                this.draft = { clientId: '', name: '', redirectUris: '', public: false };
              }}
            >
              ${w.add}
            </button>`
      }
      ${this.renderStatus()}
      ${listTable({
        columns: [w.clientId, w.redirectUris, w.type, { srOnly: w.remove }],
        items: this.clients,
        empty: w.none,
        row: (c) =>
          html`<tr data-client=${c.clientId}>
            <th scope="row"><code>${c.clientId}</code><br /><span class="hint">${c.name}</span></th>
            <td>${c.redirectUris.map((u) => html`<code>${u}</code><br />`)}</td>
            <td>${c.confidential ? w.confidential : w.publicType}</td>
            <td>
              <div class="row">
                ${
                  c.confidential
                    ? html`<button
                        @click=${() => this.rotate(c)}
                        aria-label=${`${w.rotate}: ${c.clientId}`}
                      >
                        ${w.rotate}
                      </button>`
                    : nothing
                }
                <button
                  @click=${() => (this.removing = c.clientId)}
                  aria-label=${`${w.remove}: ${c.clientId}`}
                >
                  ${w.remove}
                </button>
              </div>
            </td>
          </tr>`,
      })}
    </section>`;
  }
}
if (!customElements.get('ipsz-oidc-clients-section'))
  customElements.define('ipsz-oidc-clients-section', OidcClientsSection);
