/**
 * The bar on top of the admin and profile pages: the service name (the page's level-one heading),
 * who is signed in, a link to the other page, and "Sign out" (POST /api/logout, then back to the
 * same page, which asks to sign in).
 */
import { css, html, LitElement } from 'lit';
import { PageApi } from './api.js';
import { pageStyles } from './styles.js';
import { pickTerms, type Terms } from './terms.js';

export class PageHeader extends LitElement {
  static override styles = [
    pageStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
        justify-content: space-between;
        padding: 12px clamp(12px, 4vw, 24px);
        background: var(--_bg);
        box-shadow: 0 1px 0 var(--_border);
      }
      .title {
        font-size: 18px;
        font-weight: 600;
        margin: 0;
      }
    `,
  ];

  static override properties = {
    api: { attribute: false },
    terms: { attribute: false },
    me: { attribute: false },
    serviceName: { attribute: false },
    other: { attribute: false },
  };
  api: PageApi = new PageApi('');
  terms: Terms = pickTerms('en');
  me = '';
  serviceName = '';
  /** The link to the other page: `{ href, label }`, or null. */
  other: { href: string; label: string } | null = null;

  private async signOut() {
    try {
      await this.api.send('POST', '/api/logout');
    } finally {
      window.location.reload();
    }
  }

  override render() {
    return html`<header>
      <h1 class="title">${this.serviceName}</h1>
      <div class="row">
        <span class="muted" data-me>${this.me}</span>
        ${this.other ? html`<a href=${this.other.href}>${this.other.label}</a>` : ''}
        <button @click=${this.signOut}>${this.terms.signOut}</button>
      </div>
    </header>`;
  }
}
if (!customElements.get('ipsz-page-header')) customElements.define('ipsz-page-header', PageHeader);
