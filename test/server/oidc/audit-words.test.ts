/**
 * The admin page's audit log shows every OpenID Connect entry in words, in English and German: the
 * provider's decisions (sign-in, token, sign-out with its three outcomes) and the changes to
 * clients and signing keys. A code without words is shown raw (admin/audit/audit-terms.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditWords } from '../../../admin/audit/audit-terms.js';

const ACTIONS = [
  'oidc.authorize',
  'oidc.token',
  'oidc.logout',
  'oidc.client.add',
  'oidc.client.rotate_secret',
  'oidc.client.remove',
  'oidc.keys.rotate',
  'oidc.keys.reset',
];
const OUTCOMES = [
  'granted',
  'sign_in_needed',
  'refused',
  'issued',
  'signed_out',
  'no_session',
  'stayed_signed_in',
];

test('every OpenID Connect action and outcome has words in English and German', () => {
  const en = auditWords('en');
  const de = auditWords('de');
  for (const a of ACTIONS) {
    assert.ok(en.actions[a], `en ${a}`);
    assert.ok(de.actions[a], `de ${a}`);
    assert.notEqual(en.actions[a], de.actions[a], a);
  }
  for (const o of OUTCOMES) {
    assert.ok(en.outcomes[o], `en ${o}`);
    assert.ok(de.outcomes[o], `de ${o}`);
  }
});
