/**
 * The BUILT widget, `dist/ipsafezone-login.js` from `npm run build` (scripts/test-browser.sh builds
 * first), works in Chromium against the real backend. This page loads only the bundle, never the
 * TypeScript source (each web-test-runner test file runs in its own page, and both define the same
 * tag), and the bundle reaches the browser untransformed: web-test-runner.config.ts wraps the
 * esbuild plugin so that it skips every path under /dist/, and the first test checks it — the dev
 * server's copy is byte for byte what the backend serves at /widget/ipsafezone-login.js, which is
 * the built file as is. A build that only works after esbuild's rewrite (e.g. the decorator trap
 * in shared/docs/toolchain.md) fails here.
 */
import { expect } from '@open-wc/testing';
import { control, PASSWORD, PhoneState } from '../support/browser-control.js';
import {
  eventsOf,
  focused,
  input,
  mount,
  part,
  statement,
  status,
  text,
  typeAndEnter,
  waitForStep,
} from './helpers.js';

const BUNDLE = '/dist/ipsafezone-login.js';

async function sha256(textValue: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(textValue));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the built bundle dist/ipsafezone-login.js', () => {
  let origin: string;
  before(async () => {
    ({ origin } = await control('backend'));
    // A variable specifier: neither tsc nor esbuild resolve or rewrite it.
    const module = await import(BUNDLE);
    expect(module.IpsafezoneLogin).to.be.a('function');
    expect(customElements.get('ipsafezone-login')).to.equal(module.IpsafezoneLogin);
  });

  it('reaches the page exactly as built (not transformed by the dev server)', async () => {
    const served = await (await fetch(BUNDLE)).text();
    const built = await (await fetch(`${origin}/widget/ipsafezone-login.js`)).text();
    expect(served.length).to.be.greaterThan(10_000);
    // Compared by digest: a failure should not print 40 kB of bundle.
    expect({ length: served.length, sha256: await sha256(served) }).to.deep.equal({
      length: built.length,
      sha256: await sha256(built),
    });
    // One self-contained module: Lit is inside, nothing left to resolve.
    expect(served).to.not.match(/\bfrom\s*["'](?!\.)[^"']+["']/);
    expect(served).to.not.contain('sourceMappingURL');
  });

  it('signs in with a password inside the zone', async () => {
    ({ origin } = await control('reset', { inside: true }));
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(statement(el)).to.equal(
      'You are on the company network (Office). Sign in with your password.',
    );
    expect(focused(el)).to.equal(input(el, 'username'));
    await expect(el).to.be.accessible();
    await typeAndEnter('alice', PASSWORD);
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user.username).to.equal('alice');
    expect(text(status(el))).to.equal('Signed in as Alice Admin.');
  });

  it('runs the access pass step outside the zone, in German', async () => {
    ({ origin } = await control('reset', { inside: false }));
    const { el, events } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'secsign-id');
    await typeAndEnter('bob.sec');
    await waitForStep(el, 'pending');
    expect((part(el, 'access-pass-image') as HTMLImageElement).src).to.match(/^data:image\/png/);
    expect(text(part(el, 'cancel-button'))).to.equal('Abbrechen');
    await expect(el).to.be.accessible();
    await control('phone', { secSignId: 'bob.sec', state: PhoneState.accepted });
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user.username).to.equal('bob');
    expect(text(status(el))).to.equal('Angemeldet als Bob.');
  });
});
