/**
 * `ipsafezone proxy-config nginx|apache`: what it prints is accepted by Debian's nginx (`nginx -t`)
 * and Apache (`apache2 -t`, what `apache2ctl -t` runs) for every product, with and without TLS; the
 * break-glass list is the enabled zones as CIDR blocks while IPSafeZone is active and empty when it
 * is not; bad options are usage errors. (The configurations at work: test/e2e/guard.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open.js';
import { systemClock } from '../../server/platform/clock.js';
import { CLI_ACTOR } from '../../server/domain/actor.js';
import { createZone } from '../../server/domain/zones-service.js';
import { createUser } from '../../server/domain/users-service.js';
import { updateSettings } from '../../server/domain/settings-service.js';
import { runCli } from '../../server/cli/run.js';
import type { CliIo } from '../../server/cli/io.js';
import { cidrCover } from '../../server/zones/cidr-cover.js';
import { parseRangeBounds } from '../../server/zones/parse-range.js';
import { apacheFiles, apacheTest, nginxFiles, nginxTest } from '../support/proxy-configs.js';

let dir: string;
let url: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsz-proxy-config-'));
  url = `file:${join(dir, 'ipsafezone.db')}`;
  const db = await openDatabase({ url });
  await createUser(db, systemClock, CLI_ACTOR, {
    username: 'admin',
    password: 'a long admin password',
    role: 'admin',
    secSignId: 'admin.sec',
  });
  await createZone(db, systemClock, CLI_ACTOR, {
    name: 'Office',
    ranges: ['10.0.0.0 – 10.0.2.255', '2001:db8::/48'],
  });
  await createZone(db, systemClock, CLI_ACTOR, {
    name: 'Lab',
    ranges: ['192.0.2.7'],
    enabled: false,
  });
  await updateSettings(db, systemClock, CLI_ACTOR, { ipSafeZoneActive: true });
  db.close();
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=jira.example.com',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function proxyConfig(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { DATABASE_URL: url },
    readStdin: () => Promise.resolve(''),
    out: (line) => (out += `${line}\n`),
    err: (line) => (err += `${line}\n`),
  };
  const status = await runCli(['proxy-config', ...args], io);
  return { status, out, err };
}

/** Runs `nginx -t` or `apache2 -t` on the output and removes the files again. */
function assertAccepted(kind: 'nginx' | 'apache', out: string, tls = false): void {
  const files = kind === 'nginx' ? nginxFiles(out) : apacheFiles(out, tls);
  try {
    const t = kind === 'nginx' ? nginxTest(files) : apacheTest(files);
    assert.equal(t.status, 0, t.output);
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
}

const base = (kind: string, product: string, listen: string) => [
  kind,
  '--product',
  product,
  '--server-name',
  `${product}.example.com`,
  '--listen',
  listen,
  '--upstream',
  'http://127.0.0.1:8090',
  '--backend',
  'http://127.0.0.1:8080',
];

describe('proxy-config nginx', () => {
  for (const product of ['jira', 'confluence', 'bitbucket']) {
    test(`${product}: nginx -t accepts it`, async () => {
      const r = await proxyConfig([
        ...base('nginx', product, '127.0.0.1:18443'),
        '--proxy-bind',
        '127.0.0.3',
      ]);
      assert.equal(r.status, 0, r.err);
      assert.match(r.out, /auth_request \/_ipsafezone_guard;/);
      assert.match(r.out, /proxy_bind 127\.0\.0\.3;/);
      assert.match(r.out, new RegExp(`X-Ipsafezone-Product ${product};`));
      // The token endpoint's exact path goes to the relay, with the original request line.
      const relay = /location ~ \^[^\n]*\/rest\/oauth2\/latest\/token\$ \{([^}]*)\}/.exec(r.out);
      assert.ok(relay, 'a location for the OAuth 2.0 token endpoint');
      assert.match(relay[1]!, /rewrite \^ \/api\/guard\/oauth2-token break;/);
      assert.match(relay[1]!, /X-Original-URI \$request_uri;/);
      assert.match(relay[1]!, /proxy_pass http:\/\/127\.0\.0\.1:8080;/);
      assertAccepted('nginx', r.out);
    });
  }

  test('with TLS: nginx -t accepts it, listening with ssl', async () => {
    const r = await proxyConfig([
      ...base('nginx', 'jira', '127.0.0.1:18444'),
      '--tls-cert',
      join(dir, 'cert.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
    ]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /listen 127\.0\.0\.1:18444 ssl;/);
    assertAccepted('nginx', r.out);
  });

  test('the break-glass list is the enabled zones as CIDR blocks', async () => {
    const r = await proxyConfig(base('nginx', 'jira', '127.0.0.1:18443'));
    const geo = /geo \$ipsafezone_inside_jira \{([^}]*)\}/.exec(r.out)?.[1] ?? '';
    assert.deepEqual(
      geo
        .trim()
        .split('\n')
        .map((l) => l.trim()),
      ['default 0;', '10.0.0.0/23 1;', '10.0.2.0/24 1;', '2001:db8::/48 1;'],
    );
  });
});

describe('proxy-config apache', () => {
  for (const product of ['jira', 'confluence', 'bitbucket']) {
    test(`${product}: apache2 -t accepts it`, async () => {
      const r = await proxyConfig(base('apache', product, '127.0.0.1:18445'));
      assert.equal(r.status, 0, r.err);
      assert.match(r.out, /AuthnzFcgiCheckAuthnProvider/);
      assert.match(r.out, /Require ip 10\.0\.0\.0\/23 10\.0\.2\.0\/24 2001:db8::\/48/);
      assert.match(
        r.out,
        /ProxyPassMatch "\^[^"]*\/rest\/oauth2\/latest\/token\(\)\$" "http:\/\/127\.0\.0\.1:8080\/api\/guard\/oauth2-token\$1"/,
      );
      assert.match(r.out, /RequestHeader set X-Original-Request "expr=%\{THE_REQUEST\}"/);
      assertAccepted('apache', r.out);
    });
  }

  test('with TLS: apache2 -t accepts it', async () => {
    const r = await proxyConfig([
      ...base('apache', 'jira', '127.0.0.1:18446'),
      '--tls-cert',
      join(dir, 'cert.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
    ]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /SSLEngine on/);
    assertAccepted('apache', r.out, true);
  });
});

describe('proxy-config refusals', () => {
  const cases: [what: string, args: string[]][] = [
    ['no proxy kind', base('caddy', 'jira', '127.0.0.1:1')],
    ['an unknown product', base('nginx', 'bamboo', '127.0.0.1:1')],
    ['a listen address without a port', base('nginx', 'jira', '127.0.0.1')],
    [
      'an upstream with a path',
      [
        ...base('nginx', 'jira', '127.0.0.1:1').slice(0, 7),
        '--upstream',
        'http://x/jira',
        '--backend',
        'http://y',
      ],
    ],
    [
      'a certificate without its key',
      [...base('nginx', 'jira', '127.0.0.1:1'), '--tls-cert', '/x.pem'],
    ],
    [
      'a server name with a brace',
      [
        ...base('nginx', 'jira', '127.0.0.1:1').slice(0, 3),
        '--server-name',
        'a{b',
        ...base('nginx', 'jira', '127.0.0.1:1').slice(5),
      ],
    ],
  ];
  for (const [what, args] of cases) {
    test(`usage error: ${what}`, async () => {
      const r = await proxyConfig(args);
      assert.equal(r.status, 2, r.out + r.err);
      assert.equal(r.out, '');
    });
  }

  test('IPSafeZone off: nobody is inside, the list is empty', async () => {
    const db = await openDatabase({ url });
    await updateSettings(db, systemClock, CLI_ACTOR, { ipSafeZoneActive: false });
    db.close();
    try {
      const r = await proxyConfig(base('nginx', 'jira', '127.0.0.1:18443'));
      assert.match(r.out, /geo \$ipsafezone_inside_jira \{\n\s+default 0;\n\n\}/);
      assert.match(r.out, /IPSafeZone is not active/);
    } finally {
      const again = await openDatabase({ url });
      await updateSettings(again, systemClock, CLI_ACTOR, { ipSafeZoneActive: true });
      again.close();
    }
  });
});

describe('cidrCover', () => {
  const rows: [range: string, blocks: string[]][] = [
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.1 – 10.0.0.6', ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']],
    ['192.0.2.7', ['192.0.2.7/32']],
    ['2001:db8::1 - 2001:db8::2', ['2001:db8::1/128', '2001:db8::2/128']],
  ];
  for (const [range, blocks] of rows) {
    test(range, () => {
      const r = parseRangeBounds(range);
      assert.ok(r.ok);
      assert.deepEqual(cidrCover(r.bounds), blocks);
    });
  }
});
