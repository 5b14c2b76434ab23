/**
 * The admin page's report-only section in Chromium (issue 27 §3), on the real backend: a draft
 * without the office zone started with the section's own form, real sign-ins from inside tallied
 * beside it, the overview read by accessible names (headings, the tiles, the chart as one labelled
 * image with its numbers, the users' table with row headers), axe clean, in English and German;
 * Apply shows the impact preview first and applies only then; Discard ends it.
 */
import { expect } from '@open-wc/testing';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  resetAdmin,
  signIn,
  until,
  words,
} from './admin-helpers.js';

const TAG = 'ipsz-drafts-section';

describe('admin report-only section', () => {
  let origin: string;

  it('starts a draft with its own form', async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
    const { root } = await openAdmin(origin, 'drafts', TAG);
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-labelledby=dr-s]'),
      'the start form',
    );
    expect(words(need(root, '#dr-s'))).to.equal('Start a draft');
    const zones = need<HTMLTextAreaElement>(form, 'textarea[name=zones]');
    await until(() => zones.value.startsWith('Office:'), 'the live zones filled in');
    zones.value = '';
    need<HTMLInputElement>(form, 'input[name=days]').value = '7';
    buttonByText(form, 'Start report-only')!.click();
    await until(() => root.querySelector('#dr-d'), 'the draft shown');
    expect(words(root.querySelector('[data-changes]'))).to.equal('zone Office removed');
    expect(form.isConnected, 'no second draft can be started while it runs').to.equal(false);
  });

  it('shows live against draft per day and whom it concerns, readable and axe clean', async () => {
    // Real sign-ins beside it: bob and alice with the password, inside.
    await signIn(origin, 'bob');
    await signIn(origin, 'alice');
    const again = await openAdmin(origin, 'drafts', TAG);
    const r = again.root;
    await until(() => words(r.querySelector('#dr-d')).includes('running'), 'the running draft');
    expect(words(r.querySelector('.tiles'))).to.contain('2 Would have needed more than live');
    const chart = need(r, 'figure [role=img]');
    expect(chart.getAttribute('aria-label')).to.contain(
      'Per day: what the live policy asked and what the draft would have',
    );
    const rows = [...r.querySelectorAll('tbody th[scope=row]')].map((th) => words(th));
    expect(rows).to.include('bob');
    expect(rows).to.include('alice');
    expect(words(r.querySelector('caption'))).to.equal('Users treated differently');
    expect(buttonByText(r, 'Apply…')).to.not.equal(null);
    expect(buttonByText(r, 'Discard')).to.not.equal(null);
    await expect(again.el).to.be.accessible();
  });

  it('speaks German', async () => {
    const { el, root } = await openAdmin(origin, 'drafts', TAG, 'de');
    await until(() => words(root.querySelector('#dr-d')).includes('läuft'), 'der Entwurf');
    expect(words(root.querySelector('h2'))).to.equal('Probelauf');
    expect(words(root.querySelector('caption'))).to.equal('Anders behandelte Benutzer');
    expect(buttonByText(root, 'Übernehmen …')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('Apply shows the impact preview first; Apply now makes the draft the live policy', async () => {
    // A draft that keeps the office and adds a lab: nobody is stopped, so applying is allowed.
    const d = (await api(origin, 'GET', '/api/admin/policy/draft')).body.draft;
    expect(
      (await api(origin, 'POST', '/api/admin/policy/draft/discard', { id: d.id })).status,
    ).to.equal(200);
    const lab = await api(origin, 'POST', '/api/admin/policy/draft', {
      zones: [
        ...(await api(origin, 'GET', '/api/admin/zones')).body.zones.map(
          (z: { name: string; ranges: string[] }) => ({ name: z.name, ranges: z.ranges }),
        ),
        { name: 'Lab', ranges: ['10.99.0.0/16'] },
      ],
      reportDays: 3,
    });
    expect(lab.status, JSON.stringify(lab.body)).to.equal(201);

    const { root } = await openAdmin(origin, 'drafts', TAG);
    const apply = await until(() => buttonByText(root, 'Apply…'), 'Apply…');
    expect(buttonByText(root, 'Apply the draft now'), 'not before the preview').to.equal(null);
    apply.click();
    const preview = await until(
      () => root.querySelector('ipsz-policy-preview')?.shadowRoot?.querySelector('h3'),
      'the impact preview',
    );
    expect(words(preview)).to.equal('What this change would have done');
    const now = await until(() => buttonByText(root, 'Apply the draft now'), 'Apply now');
    expect(now.disabled).to.equal(false);
    now.click();
    await until(() => words(root.querySelector('#dr-d')).includes('applied'), 'applied');
    const zones = (await api(origin, 'GET', '/api/admin/zones')).body.zones;
    expect(zones.map((z: { name: string }) => z.name)).to.include('Lab');
  });
});
