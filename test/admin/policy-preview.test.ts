/**
 * The impact preview's panel in Chromium (issue 27), on the real backend: real sign-ins made from
 * inside the zone, then `POST /api/admin/policy/preview` for the zones without the office, shown by
 * `<ipsz-policy-preview>` — readable by accessible names (heading, totals, the chart as one
 * labelled image with its numbers, the users' table with row headers), axe clean, in English and
 * German.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/preview/policy-preview.js';
import { api, resetAdmin, signIn, words } from './admin-helpers.js';

describe('policy preview panel', () => {
  let origin: string;
  let answer: any;
  before(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'bob');
    await signIn(origin, 'alice');
    const r = await api(origin, 'POST', '/api/admin/policy/preview', { zones: [] });
    expect(r.status).to.equal(200);
    answer = r.body;
  });

  it('shows who would need a second factor, per user and per day, readable and axe clean', async () => {
    const el = await fixture<HTMLElement>(
      html`<ipsz-policy-preview .result=${answer} code="en"></ipsz-policy-preview>`,
    );
    const root = el.shadowRoot!;
    expect(words(root.querySelector('h3'))).to.equal('What this change would have done');
    expect(words(root.querySelector('.totals'))).to.contain('Would now need a second factor');
    const caption = root.querySelector('caption');
    expect(words(caption)).to.equal('Users concerned');
    const rows = [...root.querySelectorAll('tbody th[scope=row]')].map((th) => words(th));
    expect(rows.some((r) => r.startsWith('bob'))).to.equal(true);
    expect(rows.some((r) => r.startsWith('alice (administrator)'))).to.equal(true);
    const chart = root.querySelector('figure [role=img]');
    expect(chart, 'the chart is one labelled image').to.not.equal(null);
    expect(chart!.getAttribute('aria-label') ?? words(chart)).to.not.equal('');
    await expect(el).to.be.accessible();
  });

  it('speaks German', async () => {
    const el = await fixture<HTMLElement>(
      html`<ipsz-policy-preview .result=${answer} code="de"></ipsz-policy-preview>`,
    );
    const root = el.shadowRoot!;
    expect(words(root.querySelector('h3'))).to.equal('Was diese Änderung bewirkt hätte');
    expect(words(root.querySelector('caption'))).to.equal('Betroffene Benutzer');
    expect(words(root.querySelector('.totals'))).to.contain('Bräuchten jetzt einen zweiten Faktor');
    await expect(el).to.be.accessible();
  });

  it('a refusal is an alert that names the administrator', async () => {
    const refused = {
      ...answer,
      saveAllowed: false,
      refusal: { code: 'admin_locked_out', message: 'x' },
      administrators: { stopped: ['frank'], outsideCapable: 1 },
    };
    const el = await fixture<HTMLElement>(
      html`<ipsz-policy-preview .result=${refused} code="en"></ipsz-policy-preview>`,
    );
    const alert = el.shadowRoot!.querySelector('[role=alert]');
    expect(words(alert)).to.contain('Saving this change is refused');
    expect(words(alert)).to.contain('frank');
  });
});
