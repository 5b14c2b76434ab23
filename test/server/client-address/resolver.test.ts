// The client-address resolver, table-driven: which address each request comes from, given the
// socket peer, the trusted proxies, the one configured header, and whatever headers arrived.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClientAddressResolver,
  type ClientAddressConfig,
  type ClientIpHeader,
  type ResolvedClientAddress,
} from '../../../server/client-address/index.js';

const PROXIES = ['10.0.0.0/8', '::1', 'fd00::/8'];

interface Row {
  name: string;
  proxies?: string[];
  header?: ClientIpHeader;
  peer: string | undefined;
  headers?: Record<string, string>;
  ip: string | null;
  source: ResolvedClientAddress['source'];
  stoppedBy?: ResolvedClientAddress['stoppedBy'];
  reason?: string | RegExp;
}

function resolve(row: Row): ResolvedClientAddress {
  const config: ClientAddressConfig = {
    trustedProxies: row.proxies ?? PROXIES,
    header: row.header ?? 'x-forwarded-for',
  };
  const headers = row.headers ?? {};
  return createClientAddressResolver(config)({
    peer: row.peer,
    header: (name) => headers[name.toLowerCase()],
  });
}

function check(rows: Row[]): void {
  for (const row of rows)
    test(row.name, () => {
      const r = resolve(row);
      assert.equal(r.ip, row.ip, r.reason);
      assert.equal(r.source, row.source, r.reason);
      assert.equal(r.stoppedBy, row.stoppedBy, r.reason);
      if (typeof row.reason === 'string') assert.equal(r.reason, row.reason);
      else if (row.reason) assert.match(r.reason, row.reason);
    });
}

const FORGED = {
  'x-forwarded-for': '10.1.2.3',
  forwarded: 'for=10.1.2.3',
  'x-real-ip': '10.1.2.3',
};

describe('no trusted proxies: the socket peer, every forwarding header ignored', () => {
  check([
    {
      name: 'IPv4 peer with all three headers forged',
      proxies: [],
      peer: '203.0.113.9',
      headers: FORGED,
      ip: '203.0.113.9',
      source: 'socket',
      reason: 'no trusted proxies configured; socket peer 203.0.113.9',
    },
    {
      name: 'IPv4-mapped peer (server bound to ::) is reported as IPv4',
      proxies: [],
      peer: '::ffff:192.0.2.1',
      headers: FORGED,
      ip: '192.0.2.1',
      source: 'socket',
    },
    {
      name: 'IPv6 peer in canonical form',
      proxies: [],
      peer: '2001:DB8:0:0::5',
      ip: '2001:db8::5',
      source: 'socket',
    },
    {
      name: 'link-local peer with a kernel zone id',
      proxies: [],
      peer: 'fe80::1%eth0',
      ip: 'fe80::1',
      source: 'socket',
    },
    {
      name: 'no socket peer: unknown, fail closed',
      proxies: [],
      peer: undefined,
      headers: FORGED,
      ip: null,
      source: 'none',
    },
    {
      name: 'unparseable peer: unknown, fail closed',
      proxies: [],
      peer: 'not-an-address',
      headers: FORGED,
      ip: null,
      source: 'none',
    },
    {
      name: 'no socket peer with trusted proxies configured: still unknown',
      peer: undefined,
      headers: { 'x-forwarded-for': '203.0.113.7' },
      ip: null,
      source: 'none',
    },
  ]);
});

describe('trusted proxies configured, peer untrusted: headers ignored', () => {
  check([
    {
      name: 'forged X-Forwarded-For from a client directly',
      peer: '203.0.113.9',
      headers: FORGED,
      ip: '203.0.113.9',
      source: 'socket',
      reason: 'peer 203.0.113.9 is not a trusted proxy; forwarding headers ignored',
    },
    {
      name: 'forged Forwarded from a client directly (forwarded configured)',
      header: 'forwarded',
      peer: '::ffff:198.51.100.4',
      headers: FORGED,
      ip: '198.51.100.4',
      source: 'socket',
    },
    {
      name: 'untrusted IPv6 peer',
      peer: '2001:db8::9',
      headers: FORGED,
      ip: '2001:db8::9',
      source: 'socket',
    },
  ]);
});

describe('X-Forwarded-For through trusted proxies', () => {
  check([
    {
      name: 'one proxy, one entry',
      peer: '::ffff:10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
      reason:
        'peer 10.0.0.5 is a trusted proxy; x-forwarded-for hop 1 of 1 (203.0.113.7) is the first untrusted hop',
    },
    {
      name: 'a chain of trusted proxies is skipped from the right',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.0.0.4' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
      reason:
        'peer 10.0.0.5 is a trusted proxy; x-forwarded-for hop 2 of 3 (203.0.113.7) is the first untrusted hop',
    },
    {
      name: 'several header lines joined with ", " are one list in order',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': ['10.9.9.9, 203.0.113.7', '10.0.0.3', '10.0.0.4'].join(', ') },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
    {
      name: 'IPv6 peer and IPv6 trusted hops',
      peer: 'fd00::1',
      headers: { 'x-forwarded-for': '2001:db8::7, fd12::3, ::1' },
      ip: '2001:db8::7',
      source: 'x-forwarded-for',
    },
    {
      name: 'IPv4 port stripped',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7:51234' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
    {
      name: 'bracketed IPv6 with port stripped',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '[2001:db8::7]:443' },
      ip: '2001:db8::7',
      source: 'x-forwarded-for',
    },
    {
      name: 'a trusted hop with a port is still skipped',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.4:8080, [::1]:80' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
    {
      name: 'IPv4-mapped entry reported as IPv4',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '::ffff:203.0.113.7' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
    {
      name: 'IPv4-mapped trusted hop is skipped',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7, ::ffff:10.0.0.4' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
    {
      name: 'every hop trusted: the leftmost is the client',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '10.0.0.2, 10.0.0.3' },
      ip: '10.0.0.2',
      source: 'x-forwarded-for',
      reason:
        /every x-forwarded-for hop is a trusted proxy; the leftmost, x-forwarded-for hop 1 of 2 \(10\.0\.0\.2\)/,
    },
    {
      name: 'header missing: the peer is taken, marked doubtful (outside)',
      peer: '10.0.0.5',
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'missing_header',
      reason:
        'peer 10.0.0.5 is a trusted proxy; no x-forwarded-for header; the proxy is taken as the client, treated as outside',
    },
    {
      name: 'header empty: the peer is taken, marked doubtful (outside)',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '   ' },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'missing_header',
    },
    {
      name: 'header of empty list elements only: the peer is taken, marked doubtful (outside)',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': ' , ,' },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'missing_header',
    },
    {
      name: 'empty list elements are skipped',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7, , 10.0.0.3,' },
      ip: '203.0.113.7',
      source: 'x-forwarded-for',
    },
  ]);
});

describe('a malformed or obfuscated hop stops the walk at the nearest trusted hop', () => {
  check([
    {
      name: 'garbage left of a trusted hop: that hop, never a value further left',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '10.1.2.3, garbage, 10.0.0.3' },
      ip: '10.0.0.3',
      source: 'x-forwarded-for',
      stoppedBy: 'malformed_hop',
      reason:
        'peer 10.0.0.5 is a trusted proxy; x-forwarded-for hop 2 of 3 is not an address; the nearest trusted hop, x-forwarded-for hop 3 of 3 (10.0.0.3), is taken as the client',
    },
    {
      name: 'garbage as the nearest hop: the peer itself',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.7, <script>' },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'malformed_hop',
      reason: /the nearest trusted hop, the peer itself, is taken as the client/,
    },
    ...[
      'proxy.example.com',
      '10.1',
      '012.0.0.1',
      '0x0a.0.0.1',
      '167772161',
      'fe80::1%eth0',
      '10.0.0.300',
      '203.0.113.7:99999',
      '203.0.113.7:',
      '[203.0.113.7]',
      '[2001:db8::1',
      '2001:db8::1]:80',
      '_hidden',
      '"203.0.113.7"',
    ].map((entry): Row => ({
      name: `entry ${JSON.stringify(entry)} is not an address`,
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': `10.1.2.3, ${entry}` },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'malformed_hop',
    })),
    {
      name: '"unknown" in X-Forwarded-For is an obfuscated identifier',
      peer: '10.0.0.5',
      headers: { 'x-forwarded-for': '10.1.2.3, unknown, 10.0.0.3' },
      ip: '10.0.0.3',
      source: 'x-forwarded-for',
      stoppedBy: 'obfuscated_hop',
    },
  ]);
});

describe('Forwarded (RFC 7239) through trusted proxies', () => {
  const fwd = (value: string, ip: string | null, more: Partial<Row> = {}): Row => ({
    name: `Forwarded: ${value}`,
    header: 'forwarded',
    peer: '10.0.0.5',
    headers: { forwarded: value },
    ip,
    source: 'forwarded',
    ...more,
  });
  const peerRow = (value: string, stoppedBy: Row['stoppedBy']): Row =>
    fwd(value, '10.0.0.5', { source: 'socket', stoppedBy });
  check([
    fwd('for=192.0.2.60;proto=http;by=203.0.113.43', '192.0.2.60'),
    fwd('For="[2001:db8:cafe::17]:4711"', '2001:db8:cafe::17'),
    fwd('FOR="[2001:db8:cafe::17]"', '2001:db8:cafe::17'),
    fwd('for="192.0.2.60:47011"', '192.0.2.60'),
    fwd('for="[2001:db8::1]:_port"', '2001:db8::1'),
    fwd('for="[::ffff:192.0.2.60]"', '192.0.2.60'),
    fwd('for="2001:db8::1"', '2001:db8::1'),
    fwd('for=198.51.100.17, for=10.0.0.3;by=10.0.0.4', '198.51.100.17'),
    fwd('for=198.51.100.17 , for="[fd00::3]";proto=https', '198.51.100.17'),
    fwd('proto=https;for=203.0.113.7;host="example.com"', '203.0.113.7'),
    fwd('for=203.0.113.7;ext="a,b;c", for=10.0.0.3', '203.0.113.7'),
    fwd('for="\\203.0.113.7"', '203.0.113.7'),
    fwd('for=10.0.0.2, for=10.0.0.3', '10.0.0.2'),
    fwd('for=10.1.2.3, for=_hidden, for=10.0.0.3', '10.0.0.3', { stoppedBy: 'obfuscated_hop' }),
    peerRow('for=_hidden', 'obfuscated_hop'),
    peerRow('for=unknown', 'obfuscated_hop'),
    peerRow('for="unknown:1234"', 'malformed_hop'),
    peerRow('proto=https', 'malformed_hop'),
    peerRow('for=10.1.2.3;for=203.0.113.7', 'malformed_hop'),
    fwd('for=203.0.113.7;', '203.0.113.7'), // a trailing ";" is an empty pair: allowed
    peerRow('for="203.0.113.7', 'malformed_hop'),
    peerRow('for=203.0.113.7 by=x', 'malformed_hop'),
    peerRow('for = 203.0.113.7', 'malformed_hop'),
    peerRow('for=', 'malformed_hop'),
    peerRow('for=_', 'malformed_hop'),
    peerRow('for=[2001:db8::1]:80:80', 'malformed_hop'),
    peerRow('for=proxy.example.com', 'malformed_hop'),
  ]);
});

describe('X-Real-IP through a trusted proxy', () => {
  check([
    {
      name: 'a single address',
      header: 'x-real-ip',
      peer: '10.0.0.5',
      headers: { 'x-real-ip': '203.0.113.7' },
      ip: '203.0.113.7',
      source: 'x-real-ip',
    },
    {
      name: 'a single address with a port',
      header: 'x-real-ip',
      peer: '10.0.0.5',
      headers: { 'x-real-ip': '[2001:db8::7]:443' },
      ip: '2001:db8::7',
      source: 'x-real-ip',
    },
    {
      name: 'a list is malformed: the peer',
      header: 'x-real-ip',
      peer: '10.0.0.5',
      headers: { 'x-real-ip': '10.1.2.3, 203.0.113.7' },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'malformed_hop',
    },
    {
      name: 'a trusted address: it is the leftmost hop, so the client',
      header: 'x-real-ip',
      peer: '10.0.0.5',
      headers: { 'x-real-ip': '10.0.0.3' },
      ip: '10.0.0.3',
      source: 'x-real-ip',
    },
    {
      name: 'garbage: the peer',
      header: 'x-real-ip',
      peer: '10.0.0.5',
      headers: { 'x-real-ip': 'localhost' },
      ip: '10.0.0.5',
      source: 'socket',
      stoppedBy: 'malformed_hop',
    },
  ]);
});
