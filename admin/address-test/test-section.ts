/**
 * Test an address: any address (prefilled with the administrator's own, with how it was found
 * through the proxies) and optionally a user — which zone matches and what a login from there needs.
 */
import { html, nothing } from 'lit';
import type { Explain, Me } from '../api.js';
import { SectionBase } from '../section-base.js';
import { formText } from '../../widget/form-text.js';
import { testTerms } from './test-terms.js';

export class TestSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    where: { state: true },
    result: { state: true },
  };
  private where: Me['client'] | null = null;
  private result: Explain | null = null;

  private get w() {
    return testTerms(this.terms.code);
  }

  protected override async load() {
    const me = await this.run(() => this.api.get('/api/me'));
    if (me) this.where = me.client;
  }

  private async check(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const r = await this.run(() =>
      this.api.get('/api/admin/explain', {
        query: {
          address: formText(f, 'address').trim(),
          username: formText(f, 'username').trim(),
        },
      }),
    );
    if (r) this.result = r;
  }

  override render() {
    const t = this.terms;
    const w = this.w;
    const at = this.where;
    const r = this.result;
    const mode = (m: string) =>
      m === 'password' ? w.modePassword : m === '2sa' ? w.mode2sa : w.mode2fa;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.test}</h2>
      ${at ? html`<p class="hint" data-own>${w.yourAddress(at.ip ?? '?', at.reason)}</p>` : nothing}
      <form class="row" @submit=${this.check}>
        <label class="field grow"
          >${t.address}<input name="address" required .value=${at?.ip ?? ''}
        /></label>
        <label class="field grow"
          >${w.usernameOptional}<input name="username" autocomplete="off"
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${w.check}</button>
      </form>
      ${this.renderStatus()}
      ${
        r
          ? html`<div class="msg" data-result aria-live="polite">
              <p>
                <strong
                  >${r.address === null ? w.notAnAddress : r.inside ? w.insideZone(r.zone ?? '') : w.outsideZones}</strong
                >
              </p>
              <p>${mode(r.mode)}</p>
              <p class="hint">${r.reason}</p>
              ${r.zonesUnavailable ? html`<p class="msg error">${w.zonesUnavailable}</p>` : nothing}
              ${r.user ? html`<p data-user-note><strong>${r.user.username}:</strong> ${r.user.note}</p>` : nothing}
            </div>`
          : nothing
      }
    </section>`;
  }
}
if (!customElements.get('ipsz-test-section'))
  customElements.define('ipsz-test-section', TestSection);
