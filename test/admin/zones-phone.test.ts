/**
 * Issue 17, defect 9: IP ranges in the admin page's zone list must not break in the middle of an
 * address on a phone. Measured in Chromium's own layout at 320 and 390 px: for every address shown
 * (IPv4 and long IPv6, CIDR and dash ranges, many per zone), a DOM Range over exactly its characters
 * must lie on one line box — its client rects all share one top — and no line holds a piece of an
 * address without the rest of it.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { api, openAdmin, resetAdmin, signIn, until } from './admin-helpers.js';

/** Addresses as they appear in a range's text: IPv4 dotted quads and IPv6 with colons. */
const ADDRESS = /\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]*[0-9a-f:]/gi;

/** Every address inside `el` with the distinct line tops its characters are laid out on. */
function addressLines(el: Element): { address: string; lines: number }[] {
  const nodes: [Text, number][] = [];
  let text = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n as Text, text.length]);
    text += n.textContent;
  }
  /** The text node and offset of character i of the element's text. */
  const at = (i: number, end = false): [Text, number] => {
    const hit = nodes.filter(([n, s]) => (end ? s < i : s <= i) && s + n.length >= i).pop()!;
    return [hit[0], i - hit[1]];
  };
  return [...text.matchAll(ADDRESS)].map((m) => {
    const range = document.createRange();
    range.setStart(...at(m.index));
    range.setEnd(...at(m.index + m[0].length, true));
    const tops = new Set(
      [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
    );
    return { address: m[0], lines: tops.size };
  });
}

const RANGES = [
  '192.168.100.0 – 192.168.100.255',
  '2001:db8:1234:5678::/64',
  '2001:db8:abcd:ef01:2345:6789:abcd:ef00 – 2001:db8:abcd:ef01:2345:6789:abcd:efff',
  'fd12:3456:789a:1::/64',
  '10.20.30.40',
  '172.16.0.0/12',
  '2001:db8:ffff:ffff:ffff:ffff:ffff:fff0/124',
  '198.51.100.17 – 198.51.100.200',
];

describe('zones on a phone', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [320, 390]) {
    it(`at ${width} px no address breaks across lines`, async () => {
      const answer = await api(origin, 'POST', '/api/admin/zones', {
        name: 'Branch office network',
        ranges: RANGES,
      });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
      await setViewport({ width, height: 700 });
      const { root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
      const cell = await until(
        () => root.querySelector('[data-zone="Branch office network"] td'),
        'the zone listed',
      );
      expect(document.documentElement.clientWidth).to.equal(width);
      const codes = [...cell.querySelectorAll('code')];
      expect(codes).to.have.length(RANGES.length);
      const seen = codes.flatMap((c) => addressLines(c));
      // Every address of every range was found and measured.
      expect(seen.map((s) => s.address)).to.deep.equal(
        RANGES.flatMap((r) => [...r.matchAll(ADDRESS)].map((m) => m[0])),
      );
      const broken = seen.filter((s) => s.lines !== 1);
      expect(broken, `addresses split across lines: ${JSON.stringify(broken)}`).to.deep.equal([]);
      // The list stays on the page: wide content scrolls inside its own box, not the page.
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    });
  }
});
