// The zone engine's benchmark (`npm run bench:zones`): lookups from an address string through the
// compiled matcher versus ipaddr.js's `subnetMatch` over the same zones as CIDR lists, at 10 to
// 1,000,000 ranges, IPv4 and IPv6; then the IPv4 search layouts compared on the same partition.
// Ends with the two figures CI reads. Seeded, so every run uses the same ranges and addresses.
import ipaddr from 'ipaddr.js';
import { compileZones, compileTables } from '../server/zones/matcher.js';
import type { ZoneDefinition, ZoneMatcher } from '../server/zones/index.js';
import { parseIPv4Strict } from '../server/zones/address.js';
import { buildIPv4Table, lookupIPv4 } from '../server/zones/ipv4-table.js';
import { buildEytzinger, flatten, lookupBisect, lookupEytzinger } from './layouts.js';
import {
  prng,
  randomV4Addresses,
  randomV4Cidrs,
  randomV6Addresses,
  randomV6Cidrs,
  v4CidrText,
  v6CidrText,
} from './random.js';
import { nsPerOp, timeMs } from './timing.js';

const ZONES = 10;
const LOOKUPS = 50_000;
const ROUNDS = 9;
const SUBNET_ROUNDS = 5;
const SUBNET_MAX_RANGES = 100_000;

type RangeList = Record<string, [ipaddr.IPv4 | ipaddr.IPv6, number][]>;

/** Splits CIDR texts round-robin into zones z0…z9 (both as definitions and as subnetMatch lists). */
function zonesOf(cidrs: string[]): { defs: ZoneDefinition[]; list: RangeList } {
  const count = Math.min(ZONES, cidrs.length);
  const defs: ZoneDefinition[] = Array.from({ length: count }, (_, z) => ({
    name: `z${z}`,
    ranges: [],
  }));
  const list: RangeList = {};
  for (const d of defs) list[d.name] = [];
  cidrs.forEach((text, i) => {
    const d = defs[i % count]!;
    d.ranges.push(text);
    list[d.name]!.push(ipaddr.parseCIDR(text));
  });
  return { defs, list };
}

function runMatcher(m: ZoneMatcher, addresses: string[]): number {
  let inside = 0;
  for (let i = 0; i < addresses.length; i++) if (m.match(addresses[i]!).inside) inside++;
  return inside;
}

function runSubnetMatch(list: RangeList, addresses: string[]): number {
  let inside = 0;
  for (let i = 0; i < addresses.length; i++) {
    if (ipaddr.subnetMatch(ipaddr.process(addresses[i]!), list, 'outside') !== 'outside') inside++;
  }
  return inside;
}

/** How many subnetMatch lookups to time per round: enough for ~0.1 s, fewer at large sizes. */
const subnetLookups = (ranges: number): number =>
  Math.max(20, Math.min(20_000, Math.floor(2_000_000 / ranges)));

/** Both matchers must give the same zone for the same address (first zone wins in both). */
function checkAgreement(m: ZoneMatcher, list: RangeList, addresses: string[]): void {
  for (const a of addresses) {
    const ours = m.match(a).zone ?? 'outside';
    const theirs = ipaddr.subnetMatch(ipaddr.process(a), list, 'outside');
    if (ours !== theirs) throw new Error(`Disagreement on ${a}: ${ours} vs subnetMatch ${theirs}`);
  }
}

interface Row {
  family: string;
  ranges: number;
  intervals: number;
  compileMs: number;
  compiledNs: number;
  subnetNs: number | null;
  subnetLookups: number;
}

function measure(family: 4 | 6, ranges: number, seed: number): Row {
  const rnd = prng(seed);
  let cidrs: string[];
  let addresses: string[];
  if (family === 4) {
    const c = randomV4Cidrs(rnd, ranges);
    cidrs = c.map(v4CidrText);
    addresses = randomV4Addresses(rnd, LOOKUPS, c);
  } else {
    const c = randomV6Cidrs(rnd, ranges);
    cidrs = c.map(v6CidrText);
    addresses = randomV6Addresses(rnd, LOOKUPS, c);
  }
  const { defs, list } = zonesOf(cidrs);
  const { value: m, ms: compileMs } = timeMs(() => compileZones(defs));
  const compiledNs = nsPerOp(() => runMatcher(m, addresses), addresses.length, ROUNDS);
  let subnetNs: number | null = null;
  const k = subnetLookups(ranges);
  if (ranges <= SUBNET_MAX_RANGES) {
    const sample = addresses.slice(0, k);
    checkAgreement(m, list, sample.slice(0, Math.min(k, 50)));
    subnetNs = nsPerOp(() => runSubnetMatch(list, sample), sample.length, SUBNET_ROUNDS);
  }
  return {
    family: `IPv${family}`,
    ranges,
    intervals: m.intervalCount,
    compileMs,
    compiledNs,
    subnetNs,
    subnetLookups: k,
  };
}

const fmt = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printRows(rows: Row[]): void {
  const head = [
    'family',
    'ranges',
    'intervals',
    'compile ms',
    'compiled ns/lookup',
    'subnetMatch ns/lookup',
    'speedup',
  ];
  const lines = rows.map((r) => [
    r.family,
    fmt(r.ranges),
    fmt(r.intervals),
    fmt(r.compileMs),
    fmt(r.compiledNs, 1),
    r.subnetNs === null
      ? 'skipped (> 100,000)'
      : `${fmt(r.subnetNs)} (${fmt(r.subnetLookups)} lookups)`,
    r.subnetNs === null ? '-' : `${fmt(r.subnetNs / r.compiledNs)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(row(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}

/** IPv4 search layouts on the same partition, from pre-parsed addresses (search cost alone). */
function compareLayouts(ranges: number, seed: number): string[] {
  const rnd = prng(seed);
  const c = randomV4Cidrs(rnd, ranges);
  const { defs } = zonesOf(c.map(v4CidrText));
  const table = compileTables(defs).v4;
  const addrs = Uint32Array.from(randomV4Addresses(rnd, LOOKUPS, c), (a) => parseIPv4Strict(a));
  const flat = flatten(table);
  const eyt = buildEytzinger(flat);
  const top16 = buildIPv4Table(
    { starts: Array.from(flat.starts), labels: Array.from(flat.labels) },
    16,
  );
  const sum = (f: (x: number) => number) => (): number => {
    let s = 0;
    for (let i = 0; i < addrs.length; i++) s += f(addrs[i]!);
    return s;
  };
  // The three layouts must agree before their speed means anything.
  for (let i = 0; i < 10_000; i++) {
    const x = addrs[i]!;
    const a = lookupIPv4(table, x);
    if (
      lookupBisect(flat, x) !== a ||
      lookupEytzinger(eyt, x) !== a ||
      lookupIPv4(top16, x) !== a
    ) {
      throw new Error(`Layouts disagree at ${x}`);
    }
  }
  const bisect = nsPerOp(
    sum((x) => lookupBisect(flat, x)),
    addrs.length,
    ROUNDS,
  );
  const eytz = nsPerOp(
    sum((x) => lookupEytzinger(eyt, x)),
    addrs.length,
    ROUNDS,
  );
  const twoLevel16 = nsPerOp(
    sum((x) => lookupIPv4(top16, x)),
    addrs.length,
    ROUNDS,
  );
  const twoLevel = nsPerOp(
    sum((x) => lookupIPv4(table, x)),
    addrs.length,
    ROUNDS,
  );
  const parse = nsPerOp(
    () => {
      let s = 0;
      for (let i = 0; i < addrs.length; i++) s += addrs[i]! & 1;
      return s;
    },
    addrs.length,
    ROUNDS,
  );
  return [
    `${fmt(ranges).padStart(9)}  ${fmt(table.size).padStart(9)}  ` +
      `${fmt(bisect, 1).padStart(10)}  ${fmt(eytz, 1).padStart(10)}  ${fmt(twoLevel16, 1).padStart(13)}` +
      `  ${fmt(twoLevel, 1).padStart(18)}  ${fmt(parse, 1).padStart(9)}`,
  ];
}

function main(): void {
  const started = Date.now();
  console.log(
    `Zone lookups from an address string (Node ${process.version}, ${process.arch}). ` +
      `Random CIDRs split round-robin into ${ZONES} zones; IPv4 prefixes /20–/32, IPv6 /32–/64 in 2000::/4.`,
  );
  console.log(
    `Addresses: ${fmt(LOOKUPS)} per size, half uniform random, half inside a random range; the same ` +
      `addresses for both matchers. CPU time per lookup, median of ${ROUNDS} rounds (subnetMatch: ${SUBNET_ROUNDS} rounds ` +
      `over the first N addresses shown; skipped above ${fmt(SUBNET_MAX_RANGES)} ranges, where one ` +
      `round would take minutes).\n`,
  );
  const rows: Row[] = [];
  const v4Sizes = [10, 1_000, 10_000, 100_000, 1_000_000];
  // IPv6 stops at 100,000: compiling 1,000,000 IPv6 ranges sorts bigints for ~10 s of CPU.
  const v6Sizes = [10, 1_000, 10_000, 100_000];
  v4Sizes.forEach((n, i) => rows.push(measure(4, n, 1000 + i)));
  v6Sizes.forEach((n, i) => rows.push(measure(6, n, 2000 + i)));
  printRows(rows);

  console.log('IPv6 at 1,000,000 ranges: not run (compiling sorts 2,000,000 bigints, ~10 s).');
  console.log(
    '\nIPv4 search layouts on the same partition (ns per search, pre-parsed addresses; ' +
      '"2-level (matcher)" is the top-table size the matcher picks):',
  );
  console.log(
    '   ranges   segments   bisection   Eytzinger  2-level (16)  2-level (matcher)  loop only',
  );
  for (const [i, n] of [100_000, 1_000_000].entries()) {
    for (const line of compareLayouts(n, 3000 + i)) console.log(line);
  }
  console.log(`\nTotal bench time: ${fmt((Date.now() - started) / 1000, 1)} s`);

  const at100k = rows.find((r) => r.family === 'IPv4' && r.ranges === 100_000)!;
  const at10k = rows.find((r) => r.family === 'IPv4' && r.ranges === 10_000)!;
  console.log(`zones-ns-per-lookup-100k: ${at100k.compiledNs.toFixed(1)}`);
  console.log(`zones-speedup-10k: ${(at10k.subnetNs! / at10k.compiledNs).toFixed(0)}`);
}

main();
