/**
 * The one seam every factor goes through (issue 25, server/factors/modules.ts): each second factor
 * of the registry has a module carrying its own facts and a login of the kind those facts name;
 * the widget's table of views says the same kinds (widget/factors/index.ts, checked by the type
 * too); and the profile's generic enrolment routes serve only factors whose module enrols by token
 * and code — any other name is not found, as when the routes were written per factor.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FACTORS, SECOND_FACTOR_NAMES, isCodeFactor } from '../../../server/factors/registry.js';
import { FACTOR_MODULES, codeEnrolment } from '../../../server/factors/modules.js';
import { isCodeFactor as widgetIsCodeFactor } from '../../../widget/factors/index.js';
import type { Fixture } from '../login/fixture.js';
import { startFactorsFixture } from './helpers.js';

test('every second factor has a module with its own facts and a login of its kind', () => {
  for (const name of SECOND_FACTOR_NAMES) {
    const m = FACTOR_MODULES[name];
    assert.equal(m.facts, FACTORS[name], name);
    assert.equal(m.login.answer, FACTORS[name].answer, name);
  }
  assert.deepEqual(Object.keys(FACTOR_MODULES).sort(), [...SECOND_FACTOR_NAMES].sort());
});

test('the widget takes to the code step exactly the factors the server answers with a code', () => {
  for (const name of SECOND_FACTOR_NAMES) {
    assert.equal(widgetIsCodeFactor(name), isCodeFactor(name), name);
  }
  assert.equal(widgetIsCodeFactor(null), false);
  assert.equal(widgetIsCodeFactor('not_a_factor' as never), false);
});

let f: Fixture;
before(async () => {
  f = await startFactorsFixture();
});
after(() => f.close());

test('the profile enrols by code only the factors whose module does; others are not found', async () => {
  const enrolable = SECOND_FACTOR_NAMES.filter((n) => codeEnrolment(n) !== null);
  assert.deepEqual(enrolable, ['totp']);
  const carol = await f.signIn('carol');
  for (const name of ['passkey', 'secsign', 'recovery_code', 'password', 'nothing']) {
    for (const path of [`/api/me/factors/${name}`, `/api/me/factors/${name}/confirm`]) {
      const res = await carol.post(path, { enrolment: 'x', code: '123456', label: '' });
      assert.equal(res.status, 404, path);
      assert.equal((res.body as { error: { code: string } }).error.code, 'not_found', path);
    }
  }
  const begun = await carol.post('/api/me/factors/totp', {});
  assert.equal(begun.status, 200, JSON.stringify(begun.body));
});
