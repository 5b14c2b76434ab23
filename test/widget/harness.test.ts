/**
 * The browser-test harness itself: the control actions reach the one backend, and the backend
 * answers the page cross-origin with credentials (CORS for the dev server's origin).
 */
import { expect } from '@open-wc/testing';
import { control } from '../support/browser-control.js';

describe('browser-test harness', () => {
  it('reset seeds the fixture and the zone moves 127.0.0.1 in and out', async () => {
    const { origin } = await control('reset');
    expect(origin).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await control('backend')).origin).to.equal(origin);
    const zone = async () => (await fetch(`${origin}/api/zone`, { credentials: 'include' })).json();
    expect(await zone()).to.include({ inside: true, mode: 'password', clientIp: '127.0.0.1' });
    await control('zone', { inside: false });
    expect(await zone()).to.include({ inside: false, mode: '2fa' });
    await control('settings', { twoStepActive: true });
    expect(await zone()).to.include({ inside: false, mode: '2sa' });
    // Not active: zones are not consulted, the SecSign ID is asked even inside.
    await control('reset', { ipSafeZoneActive: false });
    expect(await zone()).to.include({ active: false, mode: '2fa' });
  });

  it('a failed action throws', async () => {
    let error: unknown;
    try {
      await control('phone', { secSignId: 'never-asked.sec', state: 3 });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('no simulator session');
  });
});
