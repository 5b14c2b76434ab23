/**
 * `<ipsafezone-profile>`: the profile page for every signed-in user — their data, their live
 * sessions (ending one; ending the current one signs out), changing their own SecSign ID when
 * the setting allows it, their second factors (`factors/factors-card.ts`, and the cards the
 * factors' views add: passkeys), the recent changes to them (`profile/factor-changes-card.ts`),
 * and "Confirm it's you" when a change needs a recent sign-in (`profile/reauth-dialog.ts`, asked
 * by any section through `ipsz-confirm`). `/profile#second-factors` scrolls to the second factors
 * and focuses them. Attributes as `<ipsafezone-admin>`.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { Me, Session } from './api.js';
import { PageApi } from './api.js';
import { SectionBase } from './section-base.js';
import { pageStyles } from './styles.js';
import { pickTerms, when } from './terms.js';
import './page-header.js';
import './factors/factors-card.js';
import './profile/factor-changes-card.js';
import './profile/reauth-dialog.js';
import type { ConfirmRequest } from './section-base.js';
import { listTable } from './list-table.js';
import { profileTerms } from './profile/profile-terms.js';
import { loadFactorViews, type FactorView } from './factors/index.js';
import type { Part, PartHost, ProfileDataHost } from './factors/factor-view.js';

/** The fragment of the profile's second factors (server/domain/enrolment-campaign.ts ENROL_PATH). */
const SECOND_FACTORS = 'second-factors';

export class IpsafezoneProfile extends SectionBase {
  static override styles = [
    pageStyles,
    css`
      main {
        max-width: 900px;
        margin: 16px auto;
        padding: 0 clamp(8px, 3vw, 24px) 24px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 0;
      }
      dt {
        color: var(--_subtle);
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties = {
    ...SectionBase.properties,
    server: {},
    lang: {},
    username: {},
    serviceName: { attribute: 'service-name' },
    data: { state: true },
    sessions: { state: true },
  };
  server = '';
  override lang = '';
  username = '';
  serviceName = 'ipsafezone';
  private data: Me | null = null;
  private sessions: Session[] = [];
  /** The factors' views: a factor with a card of its own (passkeys) shows it here. */
  private views: readonly FactorView[] = [];
  /** What the factors' views add to "Your data" (SecSign ID: change your own). */
  private dataParts: Part[] = [];
  private readonly dataHost: ProfileDataHost = Object.assign(
    Object.create(this.partHost()) as PartHost,
    {
      me: () => this.data!,
      setUser: (user: Me['user']) => {
        if (this.data) this.data = { ...this.data, user };
      },
    },
  );

  private get w() {
    return profileTerms(this.terms.code);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.followHash);
    this.addEventListener('ipsz-confirm', this.handleConfirm as EventListener);
    this.addEventListener('ipsz-changed', this.refreshChanges);
    this.terms = pickTerms(this.lang || document.documentElement.lang);
    this.api = new PageApi(this.server);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.followHash);
  }

  /**
   * The URL's fragment names a part of the page that lives in a card's shadow DOM, where the
   * browser cannot find it: `#second-factors` (the enrolment prompt's link) scrolls to the second
   * factors and focuses them — once the page has loaded, and whenever the fragment changes.
   */
  private followHash = () => {
    if (window.location.hash !== `#${SECOND_FACTORS}`) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector('ipsz-factors-card')?.reveal(),
    );
  };

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('server')) this.api = new PageApi(this.server);
    if (changed.has('lang')) this.terms = pickTerms(this.lang || document.documentElement.lang);
    super.willUpdate(changed);
  }

  /** A section's change was refused for an old sign-in: "Confirm it's you" (it is then made again). */
  private handleConfirm = (e: CustomEvent<ConfirmRequest>) => {
    const dialog = this.renderRoot.querySelector('ipsz-reauth-dialog');
    if (!dialog) return;
    e.detail.answer = dialog.ask(e.detail.reason);
  };

  /** After a change: the recent changes anew, and the factors when the change was not theirs. */
  private refreshChanges = (e: Event) => {
    void this.renderRoot.querySelector('ipsz-factor-changes-card')?.refresh();
    const factors = this.renderRoot.querySelector('ipsz-factors-card');
    if (factors && !e.composedPath().includes(factors)) void factors.refresh();
  };

  protected override async load() {
    const r = await this.run(() =>
      Promise.all([this.api.get('/api/me'), this.api.get('/api/me/sessions'), loadFactorViews()]),
    );
    if (r) {
      this.views = r[2];
      if (this.dataParts.length === 0) {
        this.dataParts = this.views.flatMap((v) =>
          v.profileDataPart ? [v.profileDataPart(this.dataHost)] : [],
        );
      }
      const first = this.data === null;
      this.data = r[0];
      this.sessions = r[1].sessions;
      if (first) this.followHash();
    }
  }

  protected override onError(e: unknown): boolean {
    return this.dataParts.some((p) => p.onError?.(e) ?? false);
  }

  private async end(s: Session) {
    const r = await this.run(() =>
      this.api.send('DELETE', '/api/me/sessions/:id', { param: { id: s.id } }),
    );
    if (r?.current) window.location.reload();
    else if (r) await this.load();
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const d = this.data;
    const u = d?.user;
    return html`<div lang=${t.code}>
      <ipsz-page-header
        .api=${this.api}
        .terms=${t}
        .me=${this.username}
        .serviceName=${`${this.serviceName} – ${t.profile}`}
        .other=${u?.role === 'admin' ? { href: '/admin', label: w.toAdmin } : null}
      ></ipsz-page-header>
      <main>
        ${this.renderStatus()}
        ${
          u
            ? html`<section class="card" aria-labelledby="data">
                <h2 id="data">${w.yourData}</h2>
                <dl>
                  <dt>${t.username}</dt>
                  <dd>${u.username}</dd>
                  <dt>${t.displayName}</dt>
                  <dd>${u.displayName}</dd>
                  <dt>${t.email}</dt>
                  <dd>${u.email}</dd>
                  <dt>${t.role}</dt>
                  <dd>${u.role === 'admin' ? t.roleAdmin : t.roleUser}</dd>
                  <dt>${t.secSignId}</dt>
                  <dd data-secsign-id>${u.secSignId ?? t.noSecSignId}</dd>
                </dl>
                ${this.dataParts.map((p) => p.render())}
              </section>`
            : nothing
        }
        ${u ? html`<ipsz-factors-card .api=${this.api} .terms=${t}></ipsz-factors-card>` : nothing}
        ${this.views.map((v) => v.profileCard?.(this.api, t) ?? nothing)}
        ${u ? html`<ipsz-factor-changes-card .api=${this.api} .terms=${t}></ipsz-factor-changes-card>` : nothing}
        <ipsz-reauth-dialog .api=${this.api} .terms=${t}></ipsz-reauth-dialog>
        <section class="card" aria-labelledby="sess">
          <h2 id="sess">${w.yourSessions}</h2>
          ${listTable({
            columns: [w.started, w.lastSeen, t.address, w.signedInWith, { srOnly: w.endSession }],
            items: this.sessions,
            row: (s) =>
              html`<tr data-session=${s.current ? 'current' : 'other'}>
                <td>
                  ${when(t, s.createdAt)}${s.current ? html`<br /><span class="badge on">${w.thisSession}</span>` : nothing}
                </td>
                <td>${when(t, s.lastSeenAt)}</td>
                <td>
                  ${s.clientIp ?? ''}${s.zone ? html`<br /><span class="hint">${s.zone}</span>` : nothing}
                </td>
                <td>${s.factors}</td>
                <td>
                  <button @click=${() => this.end(s)} ?disabled=${this.busy}>
                    ${w.endSession}
                  </button>
                </td>
              </tr>`,
          })}
        </section>
      </main>
    </div>`;
  }
}
if (!customElements.get('ipsafezone-profile'))
  customElements.define('ipsafezone-profile', IpsafezoneProfile);

declare global {
  interface HTMLElementTagNameMap {
    'ipsafezone-profile': IpsafezoneProfile;
  }
}
