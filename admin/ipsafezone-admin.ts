/**
 * `<ipsafezone-admin>`: the admin page. A header, a row of section buttons (the URL hash keeps the
 * section, so reload and back work) and the chosen section; the overview comes first in the row,
 * the settings open by default. Attributes: `server` (backend origin,
 * empty = this page's), `lang` (`en`/`de`), `username` and `service-name` (set by the server shell).
 */
import { css, html, LitElement } from 'lit';
import { PageApi } from './api.js';
import { pageStyles } from './styles.js';
import { pickTerms } from './terms.js';
import './page-header.js';
import './settings/settings-section.js';
import './zones/zones-section.js';
import './users/users-section.js';
import './address-test/test-section.js';
import './audit/audit-section.js';
import './oidc/oidc-clients-section.js';
import './overview/overview-section.js';
import './drafts/drafts-section.js';
import './enrolment/enrolment-section.js';
import { enrolmentTerms } from './enrolment/enrolment-terms.js';
import { directoriesLabel } from './directories/directories-section.js';
import { overviewTerms } from './overview/overview-terms.js';
import { settingsTerms } from './settings/settings-terms.js';
import { zonesTerms } from './zones/zones-terms.js';
import { usersTerms } from './users/users-terms.js';
import { testTerms } from './address-test/test-terms.js';
import { auditLogTerms } from './audit/audit-log-terms.js';
import { draftsTerms } from './drafts/drafts-terms.js';

const SECTIONS = [
  'overview',
  'settings',
  'enrolment',
  'zones',
  'users',
  'directories',
  'oidc',
  'test',
  'audit',
  'drafts',
] as const;
export type AdminSection = (typeof SECTIONS)[number];

export class IpsafezoneAdmin extends LitElement {
  static override styles = [
    pageStyles,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        padding: 8px clamp(12px, 4vw, 24px);
      }
      nav button[aria-current='page'] {
        color: var(--_on-primary);
        background: var(--_primary);
      }
      main {
        max-width: 1100px;
        margin: 0 auto;
        padding: 0 clamp(8px, 3vw, 24px) 24px;
      }
    `,
  ];

  static override properties = {
    server: {},
    lang: {},
    username: {},
    serviceName: { attribute: 'service-name' },
    section: { state: true },
  };
  /** Origin of the ipsafezone backend; empty: this page's origin. */
  server = '';
  override lang = '';
  /** The signed-in administrator's name. */
  username = '';
  serviceName = 'ipsafezone';
  private section: AdminSection = 'settings';
  private searchFor = '';
  private api = new PageApi('');

  private readonly onHash = () => {
    const h = window.location.hash.slice(1) as AdminSection;
    if (SECTIONS.includes(h)) this.section = h;
  };

  override connectedCallback() {
    super.connectedCallback();
    this.onHash();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('server')) this.api = new PageApi(this.server);
  }

  /** Shows a section (and optionally a user search there). */
  show(section: AdminSection, q = '') {
    this.searchFor = q;
    this.section = section;
    history.replaceState(null, '', `#${section}`);
  }

  override render() {
    const t = pickTerms(this.lang || document.documentElement.lang);
    const names: Record<AdminSection, string> = {
      overview: overviewTerms(t.code).overview,
      settings: settingsTerms(t.code).settings,
      enrolment: enrolmentTerms(t.code).enrolment,
      zones: zonesTerms(t.code).zones,
      users: usersTerms(t.code).users,
      directories: directoriesLabel(t.code),
      oidc: 'OpenID Connect',
      test: testTerms(t.code).test,
      audit: auditLogTerms(t.code).audit,
      drafts: draftsTerms(t.code).reportOnly,
    };
    const common = { api: this.api, terms: t, me: this.username };
    let body;
    switch (this.section) {
      case 'settings':
        body = html`<ipsz-settings-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-settings-section>`;
        break;
      case 'enrolment':
        body = html`<ipsz-enrolment-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-enrolment-section>`;
        break;
      case 'zones':
        body = html`<ipsz-zones-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-zones-section>`;
        break;
      case 'users':
        body = html`<ipsz-users-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
          .q=${this.searchFor}
        ></ipsz-users-section>`;
        break;
      case 'overview':
        body = html`<ipsz-overview-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-overview-section>`;
        break;
      case 'oidc':
        body = html`<ipsz-oidc-clients-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-oidc-clients-section>`;
        break;
      case 'directories':
        body = html`<ipsz-directories-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-directories-section>`;
        break;
      case 'test':
        body = html`<ipsz-test-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-test-section>`;
        break;
      case 'drafts':
        body = html`<ipsz-drafts-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-drafts-section>`;
        break;
      default:
        body = html`<ipsz-audit-section
          .api=${common.api}
          .terms=${t}
          .me=${this.username}
        ></ipsz-audit-section>`;
    }
    return html`<div lang=${t.code}>
      <ipsz-page-header
        .api=${this.api}
        .terms=${t}
        .me=${this.username}
        .serviceName=${`${this.serviceName} – ${t.admin}`}
        .other=${{ href: '/profile', label: t.profile }}
      ></ipsz-page-header>
      <nav aria-label=${t.sections}>
        ${SECTIONS.map(
          (s) =>
            html`<button
              data-section=${s}
              aria-current=${s === this.section ? 'page' : 'false'}
              @click=${() => this.show(s)}
            >
              ${names[s]}
            </button>`,
        )}
      </nav>
      <main
        @ipsz-navigate=${(e: CustomEvent<{ section: AdminSection; q?: string }>) => this.show(e.detail.section, e.detail.q)}
      >
        ${body}
      </main>
    </div>`;
  }
}
if (!customElements.get('ipsafezone-admin'))
  customElements.define('ipsafezone-admin', IpsafezoneAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'ipsafezone-admin': IpsafezoneAdmin;
  }
}
