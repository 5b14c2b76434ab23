/**
 * Browser tests of the admin page in German (every section's heading and controls in German, the
 * profile too) and of an administrator who leaves the zone: the password-only session opened inside
 * stops counting — the admin API and the page refuse — until the administrator signs in with their
 * SecSign ID from outside (the phone accepts through the embedded SecSign ID server).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { control } from '../support/browser-control.js';
import {
  api,
  openAdmin,
  sectionRoot,
  signIn,
  signInWithSecSign,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

describe('<ipsafezone-admin lang="de">', () => {
  it('shows every section in German', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    const { el, root } = await openAdmin(origin, 'settings', 'ipsz-settings-section', 'de');
    const nav = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].map(words);
    expect(nav).to.deep.equal([
      'Überblick',
      'Einstellungen',
      'Einrichtung zweiter Faktoren',
      'Zonen',
      'Benutzer',
      'Verzeichnisse',
      'OpenID Connect',
      'Adresse testen',
      'Protokoll',
      'Probelauf',
    ]);
    await until(() => words(root).includes('Administratoren mit SecSign ID: 1'), 'settings loaded');
    expect(words(root.querySelector('h2'))).to.equal('Einstellungen');
    expect(words(root)).to.contain('Wie man sich anmeldet (IPSafeZone)');
    expect(words(root)).to.contain('IPSafeZone aktivieren');
    expect(words(root)).to.contain('Zwei-Schritt-Authentifizierung (2SA) aktivieren');

    const expected: [string, string, string][] = [
      ['enrolment', 'ipsz-enrolment-section', 'Die Kampagne ist aus.'],
      ['zones', 'ipsz-zones-section', 'Zone hinzufügen'],
      ['users', 'ipsz-users-section', 'Benutzer hinzufügen'],
      ['directories', 'ipsz-directories-section', 'LDAP / Active Directory hinzufügen'],
      ['oidc', 'ipsz-oidc-clients-section', 'Client hinzufügen'],
      ['test', 'ipsz-test-section', 'Ihre Adresse: 127.0.0.1'],
      ['audit', 'ipsz-audit-section', 'Als CSV exportieren'],
    ];
    for (const [section, tag, phrase] of expected) {
      el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-section=${section}]`)!.click();
      const r = await until(() => sectionRoot(el, tag), `${tag} shown`);
      await until(() => words(r).includes(phrase), `"${phrase}" in ${section}`);
      expect(words(r), section).to.not.contain('Loading');
    }
    const zones = sectionRoot(el, 'ipsz-zones-section');
    expect(zones, 'only one section at a time').to.equal(null);

    const profile = await fixture<HTMLElement>(
      html`<ipsafezone-profile server=${origin} username="alice" lang="de"></ipsafezone-profile>`,
    );
    await until(() => profile.shadowRoot!.querySelector('[data-secsign-id]'), 'profile loaded');
    expect(words(profile.shadowRoot)).to.contain('Ihre Sitzungen');
    expect(words(profile.shadowRoot)).to.contain('Ihre Daten');
    expect(words(profile.shadowRoot)).to.contain('diese Sitzung');
  });
});

describe('an administrator outside the zone', () => {
  it('needs the SecSign ID: the password session from inside no longer opens the admin page', async () => {
    const { origin } = await resetAdmin({ inside: true });
    await signIn(origin, 'alice');
    expect((await api(origin, 'GET', '/api/admin/users')).status).to.equal(200);

    await control('zone', { inside: false });
    const refused = await api(origin, 'GET', '/api/admin/users');
    expect(refused.status).to.equal(401);
    expect(refused.body.error.code).to.equal('not_signed_in');
    expect((await api(origin, 'GET', '/api/me')).status).to.equal(401);

    // The page itself shows the refusal instead of data.
    const { root } = await openAdmin(origin, 'users', 'ipsz-users-section');
    const alert = await until(() => words(root.querySelector('[role=alert]')), 'refusal shown');
    expect(alert).to.contain('no longer signed in');
    expect(root.querySelector('[data-user]')).to.equal(null);

    // The password alone does not sign in from here …
    const byPassword = await api(origin, 'POST', '/api/login/password', {
      username: 'alice',
      password: 'correct horse battery',
    });
    expect(byPassword.status).to.equal(409);
    expect(byPassword.body.error.code).to.equal('password_not_used');

    // … the SecSign ID does.
    await signInWithSecSign(origin, 'alice.sec');

    expect((await api(origin, 'GET', '/api/admin/users')).status).to.equal(200);
    const { root: after } = await openAdmin(origin, 'users', 'ipsz-users-section');
    await until(() => after.querySelector('[data-user=alice]'), 'users listed again');
    const me = await api(origin, 'GET', '/api/me');
    expect(me.body.factors).to.match(/secsign/i);
  });
});
