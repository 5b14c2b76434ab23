/**
 * Every authorization request of a known client — anyone's, signed in or not — makes the OIDC
 * library store an interaction record (`oidc_store`, about 1 KB; docs/operations.md), and every
 * `GET /oidc/session/end` a session record. An expired record is never read again (the adapter
 * judges expiry by our clock), yet the purge kept each for a further day: what an anonymous flood
 * wrote stayed for 24 hours and 15 minutes instead of the 15 minutes the operations guide says.
 * Now the provider's records go at the first purge after they expire, and the session record of a
 * logout page nobody signed in at expires with an interaction (15 minutes), not after 12 hours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTSIDE } from '../login/fixture.js';
import { TTL } from '../../../server/oidc/provider.js';
import { jiraAuthorizationUrl, oidcFixturePerFile } from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

async function storedRows(): Promise<Record<string, number>> {
  const rs = await fixture().db.execute(
    'SELECT model, COUNT(*) AS n FROM oidc_store GROUP BY model ORDER BY model',
  );
  return Object.fromEntries(rs.rows.map((r) => [String(r.model), Number(r.n)]));
}

test('what anonymous requests made the provider store is gone soon after it expires', async () => {
  const f = fixture();
  const before = await storedRows();
  for (let i = 0; i < 20; i++) {
    const browser = f.client(OUTSIDE); // a fresh browser each time, no session
    const { url } = jiraAuthorizationUrl(f.rp);
    const start = await browser.get(url.pathname + url.search);
    assert.equal(start.status, 303);
    const interaction = new URL(start.headers.get('location')!, f.origin);
    assert.equal((await browser.get(interaction.pathname)).status, 303); // to the login page
    assert.equal((await browser.get('/oidc/session/end', { accept: 'text/html' })).status, 200);
  }
  const flooded = await storedRows();
  assert.ok((flooded.Interaction ?? 0) >= (before.Interaction ?? 0) + 20, JSON.stringify(flooded));

  // They expire with the interaction (a logout page's session record with no one signed in
  // lives no longer), and the purge runs on the provider's regular check, with the next request.
  f.clock.advance(TTL.Interaction * 1000 + 60_000);
  assert.equal((await fetch(`${f.origin}/.well-known/openid-configuration`)).status, 200);
  assert.deepEqual(await storedRows(), {});
});
