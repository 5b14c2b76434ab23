/** The secret box seals and opens with one key, and refuses another key, altered data, short keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSecretBox,
  NoSecretKeyError,
} from '../../../../server/platform/crypto/secret-box.js';

const KEY = 'k'.repeat(40);

test('a sealed secret opens with the same key and is not the plaintext', () => {
  const box = createSecretBox(KEY);
  const sealed = box.seal('bind password ü');
  assert.ok(!sealed.includes('bind'));
  assert.notEqual(sealed, box.seal('bind password ü'));
  assert.equal(box.open(sealed), 'bind password ü');
});

test('another key or an altered value cannot open it', () => {
  const sealed = createSecretBox(KEY).seal('secret');
  assert.throws(() => createSecretBox('x'.repeat(40)).open(sealed));
  const parts = sealed.split('.');
  parts[3] = Buffer.from('other').toString('base64url');
  assert.throws(() => createSecretBox(KEY).open(parts.join('.')));
  assert.throws(() => createSecretBox(KEY).open('garbage'));
});

test('a key shorter than 32 characters is refused', () => {
  assert.throws(() => createSecretBox('short'), NoSecretKeyError);
});
