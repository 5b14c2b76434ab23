/**
 * The admin page's second-factor enrolment (issue 27 §4): the campaign ("every user must have a
 * second factor that counts outside within N days", off by default), whether first factors wait
 * for an administrator's approval, the requests waiting — user, factor, address, time — with
 * Approve and Reject, and who has no second factor that counts outside, since when, the deadline
 * and the days left. The rules are the server's (server/domain/enrolment-campaign.ts,
 * factor-approvals.ts); "Saved." shows beside what was changed.
 */
import { html, nothing } from 'lit';
import type { Answer, Body, PageApi } from '../api.js';
import { SectionBase } from '../section-base.js';
import { listTable } from '../list-table.js';
import { day, stamp } from '../stamp.js';
import { enrolmentTerms } from './enrolment-terms.js';

/** The campaign's setting and who has no second factor that counts outside. */
type CampaignOverview = Answer<'GET', '/api/admin/enrolment'>;
/** A first factor waiting for an administrator's approval. */
type ApprovalJson = Answer<'GET', '/api/admin/enrolment/approvals'>['approvals'][number];
type Patch = Body<'PATCH', '/api/admin/enrolment'>;

export class EnrolmentSection extends SectionBase {
  static override properties = {
    ...SectionBase.properties,
    overview: { state: true },
    approvals: { state: true },
  };
  private overview: CampaignOverview | null = null;
  private approvals: ApprovalJson[] = [];

  private get w() {
    return enrolmentTerms(this.terms.code);
  }

  protected override errorWords() {
    return this.w.errors;
  }

  protected override async load() {
    const api: PageApi = this.api;
    const r = await this.run(() =>
      Promise.all([api.get('/api/admin/enrolment'), api.get('/api/admin/enrolment/approvals')]),
    );
    if (r) [this.overview, this.approvals] = [r[0], r[1].approvals];
  }

  private async save(patch: Patch, at: string) {
    const o = await this.run(
      () => this.api.send('PATCH', '/api/admin/enrolment', { json: patch }),
      this.terms.saved,
      at,
    );
    if (o) this.overview = o;
  }

  private onCampaign(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const on = data.has('on');
    void this.save({ withinDays: on ? Number(data.get('days')) : null }, 'campaign');
  }

  private async decide(id: number, decision: 'approve' | 'reject') {
    const w = this.w;
    const api: PageApi = this.api;
    const r = await this.run(
      () =>
        Promise.all([
          api.send('POST', `/api/admin/enrolment/approvals/:id/${decision}`, { param: { id } }),
        ]).then(async ([d]) => [d, await api.get('/api/admin/enrolment')] as const),
      decision === 'approve' ? w.approved : w.rejected,
    );
    if (r) [this.approvals, this.overview] = [r[0].approvals, r[1]];
  }

  private renderCampaign() {
    const w = this.w;
    const o = this.overview;
    const on = o?.withinDays !== null && o?.withinDays !== undefined;
    return html`<form @submit=${this.onCampaign} data-campaign>
      <h3>${w.campaign}</h3>
      <p class="row">
        <label class="check"
          ><input type="checkbox" name="on" .checked=${on} ?disabled=${!o || this.busy} /><span
            >${w.campaignOn}</span
          ></label
        >
        <label
          >${w.days}
          <input
            type="number"
            name="days"
            min="1"
            max="3650"
            required
            .value=${String(o?.withinDays ?? 30)}
            ?disabled=${!o || this.busy}
        /></label>
        <button class="button primary" type="submit" ?disabled=${!o || this.busy}>
          ${this.terms.save}
        </button>
        ${this.renderSaved('campaign')}
      </p>
      <p class="hint">
        ${w.campaignHint} ${on && o?.startedAt ? w.since(stamp(o.startedAt)) : nothing}
      </p>
    </form>`;
  }

  /** Approve or Reject, named with the user for screen readers. */
  private decisionButton(a: ApprovalJson, decision: 'approve' | 'reject') {
    const label = this.w[decision];
    return html`<button
      class="button ${decision === 'approve' ? 'primary' : ''}"
      type="button"
      aria-label=${`${label}: ${a.username}`}
      ?disabled=${this.busy}
      @click=${() => this.decide(a.id, decision)}
    >
      ${label}
    </button>`;
  }

  private renderApprovals() {
    const w = this.w;
    return html`<h3>${w.waiting(this.approvals.length)}</h3>
      ${listTable({
        columns: [w.user, w.factor, w.from, w.asked, { srOnly: w.actions }],
        items: this.approvals,
        empty: w.noneWaiting,
        row: (a) =>
          html`<tr data-approval=${a.username}>
            <th scope="row">${a.username}<br /><span class="hint">${a.displayName}</span></th>
            <td>${w.factors[a.factor] ?? a.factor}${a.label ? html` (“${a.label}”)` : nothing}</td>
            <td><code>${a.clientIp ?? '—'}</code></td>
            <td>${stamp(a.requestedAt)}</td>
            <td>
              <div class="row">
                ${this.decisionButton(a, 'approve')} ${this.decisionButton(a, 'reject')}
              </div>
            </td>
          </tr>`,
      })}`;
  }

  private renderWithout() {
    const w = this.w;
    const o = this.overview;
    if (!o) return nothing;
    if (o.withinDays === null) return html`<p class="hint">${w.off}</p>`;
    return html`<h3>${w.without(o.without)}</h3>
      ${listTable({
        columns: [w.user, w.clockSince, w.deadline, w.daysLeft],
        items: o.users,
        empty: w.noneWithout,
        row: (u) =>
          html`<tr data-user=${u.username}>
            <th scope="row">
              ${u.username}${u.waiting ? html`<br /><span class="hint">${w.waitingMark}</span>` : nothing}
            </th>
            <td>${day(u.since)}</td>
            <td>${day(u.deadline)}</td>
            <td>${u.overdue ? w.overdue : u.daysLeft}</td>
          </tr>`,
      })}`;
  }

  override render() {
    const w = this.w;
    const o = this.overview;
    return html`<section class="card" aria-labelledby="h">
      <h2 id="h">${w.enrolment}</h2>
      ${this.renderCampaign()}
      <label class="check"
        ><input
          type="checkbox"
          name="firstFactorApproval"
          .checked=${o?.firstFactorApproval ?? false}
          ?disabled=${!o || this.busy}
          @change=${(e: Event) =>
            this.save(
              { firstFactorApproval: (e.target as HTMLInputElement).checked },
              'firstFactorApproval',
            )}
        /><span>${w.approval}<br /><span class="hint">${w.approvalHint}</span></span
        >${this.renderSaved('firstFactorApproval')}</label
      >
      ${this.renderStatus()} ${this.renderApprovals()} ${this.renderWithout()}
    </section>`;
  }
}
if (!customElements.get('ipsz-enrolment-section'))
  customElements.define('ipsz-enrolment-section', EnrolmentSection);
