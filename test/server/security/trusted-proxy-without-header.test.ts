/**
 * Threat: the proxy's own address zone decision in for every client. A trusted proxy that forwarded a
 * request without a forwarding header (a location without `proxy_set_header X-Forwarded-For`, a
 * health check path, a misconfigured second proxy) made the proxy itself the client — inside the
 * zone when the proxy's address lies in one, so a password alone sufficed for everyone behind it.
 * Now such a request is doubtful and treated as outside; and start-up and the admin API warn when
 * a trusted proxy's address lies inside a zone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { trustedProxyZoneWarnings } from '../../../server/domain/proxy-warnings.js';
import { trustedProxiesInZones } from '../../../server/client-address/index.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  // The test server trusts loopback as a proxy; here loopback also lies inside a zone.
  f = await startFixture();
  await createZone(f.db, f.clock, CLI_ACTOR, { name: 'Proxies', ranges: ['127.0.0.0/8'] });
});
after(() => f.close());

test('a trusted proxy sending no forwarding header is not the client: outside, second factor', async () => {
  const noHeader = f.client(null);
  const zone = await noHeader.get('/api/zone');
  assert.equal(zone.body.clientIp, '127.0.0.1');
  assert.equal(zone.body.inside, false);
  assert.equal(zone.body.mode, '2fa');
  assert.match(zone.body.reason, /missing_header; treated as outside/);
  const login = await noHeader.post('/api/login/password', { username: 'bob', password: PASSWORD });
  assert.notEqual(login.body?.status, 'signed_in', JSON.stringify(login.body));
  // An empty header is no better.
  const empty = await noHeader.get('/api/zone', { 'x-forwarded-for': ' , ' });
  assert.equal(empty.body.inside, false);
  // With the header the zone decides as before.
  assert.equal((await f.client(INSIDE).get('/api/zone')).body.inside, true);
});

test('a password-only session opened inside does not pass forward-auth through a header-less proxy', async () => {
  const browser = await f.signIn('carol', INSIDE);
  assert.equal((await browser.get('/api/verify')).status, 200);
  browser.setAddress(null);
  const res = await browser.get('/api/verify');
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, 'second_factor_required');
});

test('saving a zone that holds a trusted proxy answers with a warning', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const created = await admin.post('/api/admin/zones', {
    name: 'Loopback v6',
    ranges: ['::1'],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.ok(
    created.body.zone.warnings.some((w: string) =>
      /Trusted proxy ::1 lies inside zone "Loopback v6"/.test(w),
    ),
    JSON.stringify(created.body.zone.warnings),
  );
  const listed = await admin.get('/api/admin/zones');
  const proxies = listed.body.zones.find((z: { name: string }) => z.name === 'Proxies');
  assert.ok(proxies.warnings.some((w: string) => /Trusted proxy 127\.0\.0\.1/.test(w)));
  const office = listed.body.zones.find((z: { name: string }) => z.name === 'Office');
  assert.deepEqual(office.warnings, []);
});

test('start-up warns about every trusted proxy inside an enabled zone', async () => {
  const warnings = await trustedProxyZoneWarnings(f.db, ['127.0.0.1', '10.1.0.0/24', '192.0.2.1']);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0]!, /Trusted proxy 10\.1\.0\.0\/24 lies inside zone "Office"/);
  assert.match(warnings[1]!, /Trusted proxy 127\.0\.0\.1 lies inside zone "Proxies"/);
  assert.deepEqual(
    trustedProxiesInZones(['10.0.0.1'], [{ name: 'Off', ranges: ['10.0.0.0/8'], enabled: false }]),
    [],
  );
});
