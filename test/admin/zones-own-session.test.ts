/**
 * A zone change or a draft's Apply that the server refuses because it would end the
 * administrator's own password session (409 `ends_own_session`) — here because the page's zone
 * list is older than the zones, so the page saw no reason to warn — is not saved: the warning is
 * announced (role=alert), "Change anyway and end my session" takes the keyboard focus, and only
 * choosing it makes the change, after which the session has ended as warned. English and German.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  previewGate,
  resetAdmin,
  signIn,
  until,
  words,
} from './admin-helpers.js';
import type { Zone } from '../../admin/api.js';

/**
 * Waits for "Change anyway and end my session" (in the page's words, `label`): it has the focus
 * and the page is axe clean; answers the button.
 */
async function anywayOffered(el: HTMLElement, root: ShadowRoot, label: string) {
  const anyway = await until(
    () => root.querySelector<HTMLButtonElement>('[data-change-anyway]'),
    label,
  );
  expect(words(anyway)).to.equal(label);
  await until(() => root.activeElement === anyway, `the focus on ${label}`);
  await expect(el).to.be.accessible();
  return anyway;
}

/**
 * Waits until the backend counts this browser (127.0.0.1) as outside: the change was made (the
 * session has ended, so the admin API no longer answers it).
 */
const outsideNow = (origin: string) =>
  waitUntil(
    async () => (await api(origin, 'GET', '/api/zone')).body?.inside === false,
    'the change made: 127.0.0.1 outside',
    { timeout: 5_000, interval: 50 },
  );

describe('admin: a change the server refuses as ending my own session', () => {
  it('zones: the warning is announced; only "Change anyway" disables the zone', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    // A second zone holding 127.0.0.1, seen by the page, then deleted behind its back.
    const annex = await api(origin, 'POST', '/api/admin/zones', {
      name: 'Annex',
      ranges: ['127.0.0.1/32'],
    });
    expect(annex.status, JSON.stringify(annex.body)).to.equal(201);
    const { el, root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
    await until(() => root.querySelector('[data-zone=Annex]'), 'Annex listed');
    const gone = await api(origin, 'DELETE', `/api/admin/zones/${annex.body.zone.id}`);
    expect(gone.status, JSON.stringify(gone.body)).to.equal(200);

    need<HTMLButtonElement>(root, 'button[aria-label="Disable: Office"]').click();
    const { gate } = await previewGate(root);
    expect(gate.querySelector('.msg.warn'), 'the page saw no reason to warn').to.equal(null);
    buttonByText(gate, 'Save this change')!.click();
    const alert = await until(() => words(root.querySelector('[role=alert]')), 'the warning');
    expect(alert).to.contain('your current session would end');
    const zones = (await api(origin, 'GET', '/api/admin/zones')).body.zones as Zone[];
    expect(zones.map((z) => `${z.name} ${z.enabled}`)).to.deep.equal(['Office true']);
    await until(() => !root.querySelector('[data-zone=Annex]'), 'the list as it is now');
    const anyway = await anywayOffered(el, root, 'Change anyway and end my session');

    anyway.click();
    await outsideNow(origin);
    expect((await api(origin, 'GET', '/api/me')).status, 'the session ended as warned').to.equal(
      401,
    );
  });

  it("a draft's Apply, in German: announced; applied only on „Trotzdem ändern“", async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    const draft = await api(origin, 'POST', '/api/admin/policy/draft', {
      zones: [],
      reportDays: 3,
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const { el, root } = await openAdmin(origin, 'drafts', 'ipsz-drafts-section', 'de');
    (await until(() => buttonByText(root, 'Übernehmen …'), 'Übernehmen …')).click();
    (await until(() => buttonByText(root, 'Entwurf jetzt übernehmen'), 'jetzt übernehmen')).click();
    const alert = await until(() => words(root.querySelector('[role=alert]')), 'die Warnung');
    expect(alert).to.contain('Ihre aktuelle Sitzung würde enden');
    const status = (await api(origin, 'GET', '/api/admin/policy/draft')).body.draft.status;
    expect(status, 'not applied').to.equal('running');
    const anyway = await anywayOffered(el, root, 'Trotzdem ändern und meine Sitzung beenden');

    anyway.click();
    await outsideNow(origin); // the draft applied: no zone left
    expect((await api(origin, 'GET', '/api/me')).status).to.equal(401);
  });
});
