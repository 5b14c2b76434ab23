// Start-up checks of IPSAFEZONE_TRUSTED_PROXIES and IPSAFEZONE_CLIENT_IP_HEADER: what is accepted,
// and that every refusal names the variable and the bad entry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../../server/platform/errors.js';
import {
  ClientAddressConfigError,
  createClientAddressResolver,
  readClientAddressConfig,
} from '../../../server/client-address/index.js';

describe('accepted settings', () => {
  const rows: {
    env: Record<string, string | undefined>;
    proxies: string[];
    header: string;
  }[] = [
    { env: {}, proxies: [], header: 'x-forwarded-for' },
    { env: { IPSAFEZONE_TRUSTED_PROXIES: '' }, proxies: [], header: 'x-forwarded-for' },
    { env: { IPSAFEZONE_TRUSTED_PROXIES: '   ' }, proxies: [], header: 'x-forwarded-for' },
    { env: { IPSAFEZONE_CLIENT_IP_HEADER: '' }, proxies: [], header: 'x-forwarded-for' },
    {
      env: { IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.0/8' },
      proxies: ['10.0.0.0/8'],
      header: 'x-forwarded-for',
    },
    {
      env: {
        IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.1,::1',
        IPSAFEZONE_CLIENT_IP_HEADER: 'Forwarded',
      },
      proxies: ['127.0.0.1', '::1'],
      header: 'forwarded',
    },
    {
      env: { IPSAFEZONE_TRUSTED_PROXIES: 'fd00::/8', IPSAFEZONE_CLIENT_IP_HEADER: ' X-REAL-IP ' },
      proxies: ['fd00::/8'],
      header: 'x-real-ip',
    },
    {
      env: {
        IPSAFEZONE_TRUSTED_PROXIES:
          '::ffff:10.0.0.1, ::ffff:10.0.0.0/104, 2001:db8::/32, 192.0.2.7/32',
        IPSAFEZONE_CLIENT_IP_HEADER: 'x-forwarded-for',
      },
      proxies: ['::ffff:10.0.0.1', '::ffff:10.0.0.0/104', '2001:db8::/32', '192.0.2.7/32'],
      header: 'x-forwarded-for',
    },
  ];
  for (const row of rows)
    test(JSON.stringify(row.env), () => {
      const config = readClientAddressConfig(row.env);
      assert.deepEqual(config, { trustedProxies: row.proxies, header: row.header });
      assert.equal(typeof createClientAddressResolver(config), 'function');
    });
});

describe('refused trusted-proxy entries name the variable, the entry number and the entry', () => {
  const rows: [value: string, number: number, entry: string, message: RegExp][] = [
    [
      '10.0.0.1, 10.0.0.300',
      2,
      '10.0.0.300',
      /^IPSAFEZONE_TRUSTED_PROXIES: entry 2 "10\.0\.0\.300" is not an IP address or CIDR\.$/,
    ],
    [
      'proxy.example.com',
      1,
      'proxy.example.com',
      /entry 1 "proxy\.example\.com" is not an IP address or CIDR: host names are refused/,
    ],
    ['localhost', 1, 'localhost', /host names are refused/],
    ['10.1', 1, '10.1', /legacy IPv4 forms/],
    ['10.0.0.1,012.0.0.1', 2, '012.0.0.1', /entry 2 "012\.0\.0\.1" .*legacy IPv4 forms/],
    ['0x0a.0.0.1', 1, '0x0a.0.0.1', /legacy IPv4 forms/],
    ['fe80::1%eth0', 1, 'fe80::1%eth0', /zone ids/],
    [
      '10.0.0.0/33',
      1,
      '10.0.0.0/33',
      /prefix length after "\/" must be a whole number from 1 to 32/,
    ],
    ['10.0.0.0/', 1, '10.0.0.0/', /prefix length/],
    ['10.0.0.0/08', 1, '10.0.0.0/08', /prefix length/],
    ['10.0.0.0/-8', 1, '10.0.0.0/-8', /prefix length/],
    ['10.0.0.0/8/8', 1, '10.0.0.0/8/8', /prefix length/],
    ['fd00::/129', 1, 'fd00::/129', /from 1 to 128/],
    [
      '::ffff:10.0.0.0/64',
      1,
      '::ffff:10.0.0.0/64',
      /IPv4-mapped network needs a prefix of at least 96/,
    ],
    ['10.0.0.1/8', 1, '10.0.0.1/8', /host bits are set \(did you mean 10\.0\.0\.0\/8\?\)/],
    ['fd00::1/8', 1, 'fd00::1/8', /did you mean fd00::\/8\?/],
    ['0.0.0.0/0', 1, '0.0.0.0/0', /would trust every address/],
    ['::/0', 1, '::/0', /would trust every address/],
    ['10.0.0.1,,10.0.0.2', 2, '', /entry 2 "" is empty/],
    ['10.0.0.1,', 2, '', /entry 2 "" is empty/],
    ['10.0.0.1 10.0.0.2', 1, '10.0.0.1 10.0.0.2', /separate entries with commas/],
    ['/8', 1, '/8', /^IPSAFEZONE_TRUSTED_PROXIES: entry 1 "\/8" is not an IP address or CIDR\.$/],
    ['*', 1, '*', /not an IP address or CIDR/],
  ];
  for (const [value, number, entry, message] of rows)
    test(value, () => {
      assert.throws(
        () => readClientAddressConfig({ IPSAFEZONE_TRUSTED_PROXIES: value }),
        (e: unknown) => {
          assert.ok(e instanceof ClientAddressConfigError);
          assert.ok(e instanceof ConfigError);
          assert.equal(e.variable, 'IPSAFEZONE_TRUSTED_PROXIES');
          assert.equal(e.entryNumber, number);
          assert.equal(e.entry, entry);
          assert.match(e.message, message);
          assert.ok(e.message.startsWith('IPSAFEZONE_TRUSTED_PROXIES: '));
          return true;
        },
      );
    });

  test('createClientAddressResolver refuses a hand-built bad config the same way', () => {
    assert.throws(
      () =>
        createClientAddressResolver({
          trustedProxies: ['10.0.0.1', 'nope'],
          header: 'x-forwarded-for',
        }),
      /IPSAFEZONE_TRUSTED_PROXIES: entry 2 "nope"/,
    );
  });

  test('a very long bad entry is cut in the message', () => {
    const long = 'a'.repeat(500);
    assert.throws(
      () => readClientAddressConfig({ IPSAFEZONE_TRUSTED_PROXIES: long }),
      (e: unknown) => e instanceof Error && e.message.length < 250,
    );
  });
});

describe('the header setting', () => {
  for (const value of [
    'x-client-ip',
    'true-client-ip',
    'cf-connecting-ip',
    'x-forwarded-for,forwarded',
  ])
    test(`unsupported ${value}`, () => {
      assert.throws(
        () =>
          readClientAddressConfig({
            IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.1',
            IPSAFEZONE_CLIENT_IP_HEADER: value,
          }),
        (e: unknown) =>
          e instanceof ClientAddressConfigError &&
          e.variable === 'IPSAFEZONE_CLIENT_IP_HEADER' &&
          e.message.includes(JSON.stringify(value)) &&
          e.message.includes('x-forwarded-for, forwarded, x-real-ip'),
      );
    });

  for (const value of ['x-forwarded-for', 'Forwarded', 'x-real-ip'])
    test(`${value} without any trusted proxy is refused: it would never be read`, () => {
      assert.throws(
        () => readClientAddressConfig({ IPSAFEZONE_CLIENT_IP_HEADER: value }),
        (e: unknown) =>
          e instanceof ClientAddressConfigError &&
          e.variable === 'IPSAFEZONE_CLIENT_IP_HEADER' &&
          /IPSAFEZONE_TRUSTED_PROXIES is empty, so the header would never be read/.test(e.message),
      );
    });
});
