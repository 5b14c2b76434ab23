/**
 * The zone door's fast path (server/login/zone-fast-path.ts) against the middleware chain it runs
 * ahead of (issue 13). Two apps on one database — one with the fast path, one without — are asked
 * the same requests over real HTTP (plain and unusual: addresses and forwarding chains, hosts,
 * origins, methods, bodies, request ids, cookies; under several settings and zones), and must give
 * the same status, body and headers (apart from `Date`, and the request id when the server makes
 * one). And the handler on its own shows which requests it answers and which it hands on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { zoneFastPath } from '../../../server/login/zone-fast-path.js';
import { silentLogger } from '../../../server/platform/logger.js';
import type { DoorEnv } from '../../../server/http/context.js';
import { ask, comparable, startChainOnly } from './two-apps.js';
import { INSIDE, OUTSIDE, startFixture, type Fixture } from '../login/fixture.js';

const ALLOWED = 'https://widget.example';

let f: Fixture;
let chainOnly: { port: number; close(): Promise<void> };
let session: string;

before(async () => {
  f = await startFixture({ config: { allowedOrigins: [ALLOWED] } });
  chainOnly = await startChainOnly(f);
  session = (await f.signIn('bob')).cookie('ipsafezone_session')!;
});
after(async () => {
  await chainOnly.close();
  await f.close();
});

const own = () => new URL(f.origin).host;

/** The requests both apps are asked: [label, method, path, headers, body?]. */
function cases(): [string, string, string, Record<string, string>, string?][] {
  const host = own();
  const xff = (v: string) => ({ host, 'x-forwarded-for': v });
  return [
    ['inside', 'GET', '/api/zone', xff(INSIDE)],
    ['outside', 'GET', '/api/zone', xff(OUTSIDE)],
    ['IPv6 outside', 'GET', '/api/zone', xff('2001:db8::1')],
    ['chain through an inside hop', 'GET', '/api/zone', xff(`${OUTSIDE}, ${INSIDE}`)],
    ['malformed hop', 'GET', '/api/zone', xff('not-an-address')],
    ['obfuscated hop', 'GET', '/api/zone', xff('_hidden')],
    ['empty header', 'GET', '/api/zone', xff('')],
    ['no forwarding header (the proxy itself)', 'GET', '/api/zone', { host }],
    ['overlong header', 'GET', '/api/zone', xff(Array(400).fill('10.1.0.1').join(', '))],
    ['query string', 'GET', '/api/zone?lang=de&x=%00', xff(INSIDE)],
    ['sane request id', 'GET', '/api/zone', { ...xff(INSIDE), 'x-request-id': 'trace-42' }],
    ['insane request id', 'GET', '/api/zone', { ...xff(INSIDE), 'x-request-id': 'a b<c>' }],
    [
      'overlong request id',
      'GET',
      '/api/zone',
      { ...xff(INSIDE), 'x-request-id': 'a'.repeat(101) },
    ],
    [
      'session cookie',
      'GET',
      '/api/zone',
      { ...xff(OUTSIDE), cookie: `ipsafezone_session=${session}` },
    ],
    ['garbage cookie', 'GET', '/api/zone', { ...xff(INSIDE), cookie: 'ipsafezone_session=%%%; x' }],
    ['foreign host', 'GET', '/api/zone', { host: 'evil.example', 'x-forwarded-for': INSIDE }],
    ['own origin', 'GET', '/api/zone', { ...xff(INSIDE), origin: f.origin }],
    ['allowed origin', 'GET', '/api/zone', { ...xff(INSIDE), origin: ALLOWED }],
    ['foreign origin', 'GET', '/api/zone', { ...xff(INSIDE), origin: 'https://evil.example' }],
    ['cross-site fetch', 'GET', '/api/zone', { ...xff(INSIDE), 'sec-fetch-site': 'cross-site' }],
    ['HEAD', 'HEAD', '/api/zone', xff(INSIDE)],
    [
      'preflight',
      'OPTIONS',
      '/api/zone',
      { ...xff(INSIDE), origin: ALLOWED, 'access-control-request-method': 'GET' },
    ],
    [
      'POST',
      'POST',
      '/api/zone',
      { ...xff(INSIDE), origin: f.origin, 'content-type': 'application/json' },
      '{}',
    ],
    ['text body', 'GET', '/api/zone', { ...xff(INSIDE), 'content-type': 'text/plain' }, 'hello'],
    ['JSON body', 'GET', '/api/zone', { ...xff(INSIDE), 'content-type': 'application/json' }, '{}'],
    ['chunked body', 'GET', '/api/zone', { ...xff(INSIDE), 'transfer-encoding': 'chunked' }, 'x'],
    ['trailing slash', 'GET', '/api/zone/', xff(INSIDE)],
  ];
}

async function bothAgree(when: string): Promise<number> {
  let compared = 0;
  for (const [label, method, path, headers, body] of cases()) {
    const fast = await ask(f.port, method, path, headers, body);
    const chain = await ask(chainOnly.port, method, path, headers, body);
    const sentId = headers['x-request-id'] === 'trace-42';
    assert.deepEqual(
      comparable(fast, sentId, `${when}, ${label} (fast)`),
      comparable(chain, sentId, `${when}, ${label} (chain)`),
      `${when}, ${label}: the fast path answered differently from the chain`,
    );
    compared++;
  }
  return compared;
}

test('the fast path answers every request as the chain does, in every setting', async () => {
  const statuses = new Set<number>();
  const recordStatuses = async () => {
    for (const [, method, path, headers, body] of cases())
      statuses.add((await ask(f.port, method, path, headers, body)).status);
  };
  assert.equal(await bothAgree('active, one zone'), cases().length);
  await recordStatuses();
  await updateSettings(f.db, f.clock, CLI_ACTOR, { twoStepActive: true });
  await bothAgree('2SA on');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { outsideFactors: ['secsign', 'totp'] });
  await bothAgree('outside factors SecSign ID and TOTP');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { ipSafeZoneActive: false });
  await bothAgree('IPSafeZone off');
  await createZone(f.db, f.clock, CLI_ACTOR, { name: 'Lab', ranges: ['2001:db8::/32'] });
  await bothAgree('a second zone');
  // The cases reach the chain's own answers too, not only the fast 200.
  for (const s of [200, 204, 403, 404, 415, 421])
    assert.ok(statuses.has(s), `no ${s} among the cases`);
});

test('the handler answers plain zone questions and hands everything else on', async (t) => {
  const zoneDecision = {
    db: f.db,
    zones: createZoneMatcherSource(f.db, f.clock),
    settings: createSettingsSource(f.db),
  };
  const app = new Hono<DoorEnv>().get(
    '/api/zone',
    zoneFastPath({
      config: f.config,
      resolveClientAddress: f.providers.resolveClientAddress,
      zoneDecision,
      logger: silentLogger,
      metrics: null,
    }),
    (c) => c.text('handed on', 202),
  );
  const url = `${f.origin}/api/zone`;
  const plain = await app.request(url, { headers: { 'x-forwarded-for': INSIDE } });
  assert.equal(plain.status, 200);
  const answer = (await plain.json()) as { inside: boolean; clientIp: string | null };
  // app.request has no socket: no trusted proxy, so the header is not believed.
  assert.equal(answer.clientIp, null);
  assert.equal(answer.inside, false);
  assert.equal(plain.headers.get('cache-control'), 'no-store');
  assert.equal(plain.headers.get('vary'), 'Origin');

  const handedOn = async (init: RequestInit, to = url) =>
    assert.equal((await app.request(to, init)).status, 202, JSON.stringify(init));
  await handedOn({ method: 'HEAD' });
  await handedOn({ headers: { origin: ALLOWED } });
  await handedOn({ method: 'GET', headers: { 'content-length': '5' } });
  await handedOn({}, 'http://evil.example/api/zone');
  // A zone decision that cannot be computed (the database closed): the chain makes the 503.
  const db2 = (await import('@libsql/client')).createClient({ url: `file:${f.dbPath}` });
  t.after(() => db2.close());
  const broken = new Hono<DoorEnv>().get(
    '/api/zone',
    zoneFastPath({
      config: f.config,
      resolveClientAddress: f.providers.resolveClientAddress,
      zoneDecision: {
        db: db2,
        zones: createZoneMatcherSource(db2, f.clock),
        settings: createSettingsSource(db2, { log: () => {} }),
      },
      logger: silentLogger,
      metrics: null,
    }),
    (c) => c.text('handed on', 202),
  );
  db2.close();
  assert.equal((await broken.request(url)).status, 202);
});
