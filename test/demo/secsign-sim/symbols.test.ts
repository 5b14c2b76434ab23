/**
 * The access-pass symbols: real 88x88 RGBA PNGs, cached, and different enough from each other in
 * both colour and shape that a person can tell them apart at a glance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import {
  SYMBOLS,
  SYMBOL_SIZE,
  symbolBase64,
  symbolByName,
  symbolPng,
} from '../../../demo/secsign-sim/symbols.js';

const decoded = SYMBOLS.map((s) => PNG.sync.read(symbolPng(s)));

test('every symbol is an 88x88 PNG with a visible shape on a transparent ground', () => {
  assert.equal(SYMBOL_SIZE, 88);
  for (const [i, png] of decoded.entries()) {
    assert.deepEqual([png.width, png.height], [88, 88], SYMBOLS[i]!.name);
    let opaque = 0;
    for (let p = 3; p < png.data.length; p += 4) if (png.data[p]! > 127) opaque++;
    const share = opaque / (88 * 88);
    assert.ok(share > 0.15 && share < 0.9, `${SYMBOLS[i]!.name} covers ${share}`);
    assert.equal(png.data[3], 0, 'the corner is transparent');
  }
});

test('the encoded PNGs are cached, and base64 is the same bytes', () => {
  const s = SYMBOLS[0]!;
  assert.equal(symbolPng(s), symbolPng(s));
  assert.deepEqual(Buffer.from(symbolBase64(s), 'base64'), symbolPng(s));
});

test('names are unique and found by symbolByName', () => {
  assert.equal(new Set(SYMBOLS.map((s) => s.name)).size, SYMBOLS.length);
  for (const s of SYMBOLS) assert.equal(symbolByName(s.name), s);
  assert.equal(symbolByName('nothing'), undefined);
});

test('every pair differs clearly in colour and in shape', () => {
  for (let a = 0; a < SYMBOLS.length; a++) {
    for (let b = a + 1; b < SYMBOLS.length; b++) {
      const [ra, ga, ba] = SYMBOLS[a]!.rgb;
      const [rb, gb, bb] = SYMBOLS[b]!.rgb;
      const colour = Math.hypot(ra - rb, ga - gb, ba - bb);
      const names = `${SYMBOLS[a]!.name}/${SYMBOLS[b]!.name}`;
      assert.ok(colour > 60, `${names}: colours too close (${colour.toFixed(0)})`);
      let differ = 0;
      const pa = decoded[a]!.data;
      const pb = decoded[b]!.data;
      for (let p = 3; p < pa.length; p += 4) if (pa[p]! > 127 !== pb[p]! > 127) differ++;
      assert.ok(differ / (88 * 88) > 0.08, `${names}: shapes too alike (${differ} pixels)`);
    }
  }
});
