/**
 * `<ipsz-drafts-section>`: report-only mode on the admin page (issue 27 §3). Without a running
 * draft, a form starts one — IPSafeZone, two-step, the outside factors and the zones as they would
 * be, and for how many days. With one (or the one that ended last), the overview of
 * `GET /api/admin/policy/draft`: the totals, a chart per day with a column for what the live policy
 * asked and one for what the draft would have (its numbers as a table), the users it would have
 * treated differently; then **Apply…** — the impact preview (`<ipsz-policy-preview>`) of the last
 * 30 days is shown once more and only then "Apply the draft now", refused as a save would be — or
 * **Discard**. An Apply that would end the administrator's own session is first refused with its
 * warning announced; "Change anyway and end my session" then applies it (section-base.ts).
 */
import { css, html, nothing } from 'lit';
import type { Answer, Body, Settings, Zone } from '../api.js';
import { SectionBase } from '../section-base.js';
import { pageStyles } from '../styles.js';
import { stamp } from '../stamp.js';
import { chartStyles, stackedColumns, tileStyles } from '../overview/charts.js';
import '../preview/policy-preview.js';
import type { PolicyPreview } from '../preview/policy-preview.js';
import { FACTOR_ORDER, loadFactorViews, type FactorView } from '../factors/index.js';
import { draftsTerms } from './drafts-terms.js';

type Switch = '' | 'on' | 'off';
/** The running draft (or the one that ended last) with what it would have decided. */
type DraftView = NonNullable<Answer<'GET', '/api/admin/policy/draft'>['draft']>;
/** A draft to start, as the form describes it (its days added when sent). */
type DraftPolicy = Omit<Body<'POST', '/api/admin/policy/draft'>, 'reportDays'>;

/** The zones as the form's text: `Name: range, range` per line. */
const zonesText = (zones: Zone[]) =>
  zones.map((z) => `${z.name}: ${z.ranges.join(', ')}`).join('\n');

export class DraftsSection extends SectionBase {
  static override styles = [
    pageStyles,
    chartStyles,
    tileStyles,
    css`
      .s-second {
        fill: var(--_danger);
        background: var(--_danger);
      }
      .s-password {
        fill: var(--_primary);
        background: var(--_primary);
      }
      textarea {
        width: 100%;
        min-height: 5em;
        font: inherit;
        padding: 4px 8px;
        color: var(--_text);
        background: var(--_input-bg);
        border: 2px solid var(--_border);
        border-radius: var(--_radius);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 12px;
      }
    `,
  ];

  static override properties = {
    ...SectionBase.properties,
    draft: { state: true },
    preview: { state: true },
    settings: { state: true },
    zones: { state: true },
  };

  private draft: DraftView | null = null;
  private preview: PolicyPreview | null = null;
  private settings: Settings | null = null;
  private zones: Zone[] = [];
  /** The factors' views, in order: one "counts outside" box each (their names in both languages). */
  private views: readonly FactorView[] = [];

  private get w() {
    return draftsTerms(this.terms.code);
  }

  protected override errorWords() {
    return this.w.errors;
  }

  protected override async load() {
    await this.run(async () => {
      const [d, s, z, views] = await Promise.all([
        this.api.get('/api/admin/policy/draft'),
        this.api.get('/api/admin/settings'),
        this.api.get('/api/admin/zones'),
        loadFactorViews(),
      ]);
      this.draft = d.draft;
      this.views = views;
      this.settings = s;
      this.zones = z.zones;
    });
  }

  /** The draft the form describes: only what differs from the live policy. */
  private draftOfForm(form: HTMLFormElement): DraftPolicy {
    const data = new FormData(form);
    const draft: DraftPolicy = {};
    const onOff = (name: string, key: 'ipSafeZoneActive' | 'twoStepActive') => {
      const v = data.get(name) as Switch;
      if (v) draft[key] = v === 'on';
    };
    onOff('ipsafezone', 'ipSafeZoneActive');
    onOff('twostep', 'twoStepActive');
    const factors = FACTOR_ORDER.filter((f) => data.get(`factor-${f}`) !== null);
    const live = this.settings?.outsideFactors ?? [];
    if (factors.join('+') !== FACTOR_ORDER.filter((f) => live.includes(f)).join('+'))
      draft.outsideFactors = factors;
    const text = ((data.get('zones') as string | null) ?? '').trim();
    if (text !== zonesText(this.zones).trim()) {
      draft.zones = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const at = line.indexOf(':');
          const name = (at < 0 ? line : line.slice(0, at)).trim();
          const ranges =
            at < 0
              ? []
              : line
                  .slice(at + 1)
                  .split(',')
                  .map((r) => r.trim());
          const was = this.zones.find((z) => z.name.toLowerCase() === name.toLowerCase());
          return {
            name,
            ranges: ranges.filter(Boolean),
            enabled: was?.enabled ?? true,
            force: was?.force ?? false,
          };
        });
    }
    return draft;
  }

  private async start(ev: SubmitEvent) {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const reportDays = Number(new FormData(form).get('days'));
    const r = await this.run(
      () =>
        this.api.send('POST', '/api/admin/policy/draft', {
          json: { ...this.draftOfForm(form), reportDays },
        }),
      this.w.started,
    );
    if (r) this.draft = r.draft;
  }

  private async showPreview() {
    const d = this.draft;
    if (!d) return;
    const p = await this.run(() =>
      this.api.send('POST', '/api/admin/policy/preview', {
        // Its factors were checked against the registry's names when the draft was started.
        json: d.policy as Body<'POST', '/api/admin/policy/preview'>,
      }),
    );
    if (p) {
      this.preview = p;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-apply-now]')?.focus();
    }
  }

  /** Applies the draft shown; `confirm`: although it ends my own session, as warned. */
  private async apply(confirm = false) {
    const d = this.draft;
    if (!d) return;
    const json = { id: d.id, ...(confirm ? { confirm } : {}) };
    const r = await this.run(
      () => this.api.send('POST', '/api/admin/policy/draft/apply', { json }),
      this.w.applied,
    );
    if (r) {
      this.draft = r.draft;
      this.preview = null;
      if (r.trustedProxies !== null)
        this.message = { kind: 'warn', text: this.w.proxiesToSet(r.trustedProxies) };
      await this.load();
    } else this.offerAnyway(() => this.apply(true));
  }

  private cancelApply() {
    this.preview = null;
    this.dropAnyway();
  }

  private async discard() {
    const d = this.draft;
    if (!d) return;
    const r = await this.run(
      () => this.api.send('POST', '/api/admin/policy/draft/discard', { json: { id: d.id } }),
      this.w.discarded,
    );
    if (r) {
      this.draft = r.draft;
      this.preview = null;
    }
  }

  override render() {
    const w = this.w;
    const running = this.draft?.status === 'running';
    return html`<section class="card" aria-labelledby="dr-h">
      <h2 id="dr-h">${w.reportOnly}</h2>
      <p class="hint">${w.intro}</p>
      ${this.renderStatus()} ${this.draft ? this.renderDraft(this.draft) : nothing}
      ${running ? nothing : this.renderStart()}
    </section>`;
  }

  private renderDraft(d: DraftView) {
    const w = this.w;
    const running = d.status === 'running';
    const t = d.totals;
    return html`<section aria-labelledby="dr-d">
      <h3 id="dr-d">${w.draftTitle(d.id)} (${w.status[d.status] ?? d.status})</h3>
      <p>${w.period(stamp(d.startedAt), stamp(d.endedAt ?? d.endsAt), running)}</p>
      <h4>${w.changes}</h4>
      <ul data-changes>
        ${d.changes.map((c) => html`<li>${c}</li>`)}
      </ul>
      <ul class="tiles">
        <li><strong>${t.signIns}</strong> ${w.recorded}</li>
        <li><strong>${t.liveSecond}</strong> ${w.liveSecond}</li>
        <li><strong>${t.draftSecond}</strong> ${w.draftSecond}</li>
        <li><strong>${t.signIns - t.draftSecond}</strong> ${w.draftPassword}</li>
        <li><strong>${t.needsMore}</strong> ${w.needsMore}</li>
        <li><strong>${t.needsLess}</strong> ${w.needsLess}</li>
      </ul>
      ${this.renderChart(d)} ${this.renderUsers(d)}
      ${
        running
          ? html`<div class="actions">
              <button
                class="primary"
                type="button"
                ?disabled=${this.busy}
                @click=${this.showPreview}
              >
                ${w.apply}
              </button>
              <button class="danger" type="button" ?disabled=${this.busy} @click=${this.discard}>
                ${w.discard}
              </button>
            </div>`
          : nothing
      }
      ${running && this.preview ? this.renderApply(this.preview) : nothing}
    </section>`;
  }

  private renderApply(p: PolicyPreview) {
    const w = this.w;
    return html`<section aria-labelledby="dr-a">
      <h3 id="dr-a">${w.applyNow}</h3>
      <p>${w.applyIntro}</p>
      <ipsz-policy-preview .result=${p} code=${this.terms.code}></ipsz-policy-preview>
      <div class="actions">
        <button
          class="primary"
          type="button"
          data-apply-now
          ?disabled=${this.busy || !p.saveAllowed}
          @click=${() => void this.apply()}
        >
          ${w.applyNow}
        </button>
        ${this.renderAnyway()}
        <button type="button" @click=${this.cancelApply}>${w.cancel}</button>
      </div>
    </section>`;
  }

  private renderChart(d: DraftView) {
    const w = this.w;
    return stackedColumns({
      title: w.chart,
      summary: w.chartSummary(d.totals.liveSecond, d.totals.draftSecond),
      tableLabel: w.asTable,
      timeLabel: w.day,
      series: [
        { key: 'second', label: w.seriesSecond },
        { key: 'password', label: w.seriesPassword },
      ],
      rows: d.perDay.flatMap((p) => [
        {
          label: w.dayLive(p.day.slice(5)),
          second: p.liveSecond,
          password: p.signIns - p.liveSecond,
        },
        {
          label: w.dayDraft(p.day.slice(5)),
          second: p.draftSecond,
          password: p.signIns - p.draftSecond,
        },
      ]),
    });
  }

  private renderUsers(d: DraftView) {
    const w = this.w;
    if (d.users.length === 0) return html`<p>${w.noUsers}</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption>
          ${w.usersCaption(d.users.length, d.usersTotal)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${w.user}</th>
            <th scope="col">${w.signIns}</th>
            <th scope="col">${w.more}</th>
            <th scope="col">${w.less}</th>
          </tr>
        </thead>
        <tbody>
          ${d.users.map(
            (u) =>
              html`<tr>
                <th scope="row">${u.username}</th>
                <td>${u.signIns}</td>
                <td>${u.needsMore}</td>
                <td>${u.needsLess}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderStart() {
    const w = this.w;
    const s = this.settings;
    const sw = (name: string, label: string) =>
      html`<label class="field"
        >${label}
        <select name=${name}>
          <option value="">${w.unchanged}</option>
          <option value="on">${w.on}</option>
          <option value="off">${w.off}</option>
        </select></label
      >`;
    return html`<form aria-labelledby="dr-s" @submit=${this.start}>
      <h3 id="dr-s">${w.startTitle}</h3>
      <div class="grid">
        ${sw('ipsafezone', w.ipSafeZone)} ${sw('twostep', w.twoStep)}
        <label class="field"
          >${w.days}
          <input name="days" type="number" min="1" max="90" value="14" required />
        </label>
      </div>
      <fieldset>
        <legend>${w.outsideFactors}</legend>
        ${this.views.map(
          ({ name: f, policyLabel }) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name=${`factor-${f}`}
                .checked=${s?.outsideFactors.includes(f) ?? false}
              /><span>${policyLabel(this.terms.code)}</span></label
            >`,
        )}
      </fieldset>
      <label class="field"
        >${w.zones}
        <textarea name="zones" aria-describedby="dr-zh" .value=${zonesText(this.zones)}></textarea>
      </label>
      <p class="hint" id="dr-zh">${w.zonesHint}</p>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy || !s}>${w.start}</button>
      </div>
    </form>`;
  }
}
if (!customElements.get('ipsz-drafts-section'))
  customElements.define('ipsz-drafts-section', DraftsSection);
