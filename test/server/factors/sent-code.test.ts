/**
 * The seam of a code sent out of band (an e-mail code; `server/factors/sent-code.ts` and
 * `POST /api/login/code/send`). No factor of the registry sends its code yet, so here: the code
 * the seam makes (six digits, only a salted hash kept, valid ten minutes, compared whole), and
 * the route refusing a factor that sends nothing without touching the login. A factor that does
 * send signs in end to end on the throw-away branch `r4-sketch-email`
 * (test/server/factors/email-sketch.test.ts there; docs/architecture.md, "Factors: files per factor").
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { checkSentCode, newSentCode, SENT_CODE_MS } from '../../../server/factors/sent-code.js';
import { enrolTotp, passwordFirst, signInWithApp, startFactorsFixture, codeAt } from './helpers.js';
import { INSIDE, type Fixture } from '../login/fixture.js';

describe('the code the seam makes', () => {
  const clock = new ManualClock(1_700_000_000_000);

  it('is six digits, and what is kept names neither it nor any digit of it', () => {
    for (let i = 0; i < 50; i++) {
      const { code, state, expiresAt } = newSentCode(clock);
      assert.match(code, /^[0-9]{6}$/);
      assert.equal(expiresAt, clock.now() + SENT_CODE_MS);
      assert.equal(state.expiresAt, expiresAt);
      assert.ok(!JSON.stringify(state).includes(code), 'the code itself is never stored');
    }
  });

  it('is right once typed as sent (spaces aside), wrong otherwise', () => {
    const { code, state } = newSentCode(clock);
    const now = clock.now();
    assert.deepEqual(checkSentCode(state, code, now), { ok: true, outcome: 'code_ok' });
    assert.equal(checkSentCode(state, `${code.slice(0, 3)} ${code.slice(3)}`, now).ok, true);
    const other = code === '000000' ? '000001' : '000000';
    assert.deepEqual(checkSentCode(state, other, now), { ok: false, outcome: 'invalid_code' });
    assert.equal(checkSentCode(state, code.slice(0, 5), now).ok, false);
    assert.equal(checkSentCode(state, `${code}0`, now).ok, false);
  });

  it('is wrong once expired, or without what the transaction kept', () => {
    const { code, state, expiresAt } = newSentCode(clock);
    assert.equal(checkSentCode(state, code, expiresAt - 1).ok, true);
    assert.equal(checkSentCode(state, code, expiresAt).ok, false);
    assert.equal(checkSentCode(null, code, clock.now()).ok, false);
    assert.equal(checkSentCode({}, code, clock.now()).ok, false);
    assert.equal(checkSentCode({ ...state, hash: 42 }, code, clock.now()).ok, false);
  });

  it('is new each time, with its own salt', () => {
    const a = newSentCode(clock);
    const b = newSentCode(clock);
    assert.notEqual(a.state.salt, b.state.salt);
    assert.equal(checkSentCode(b.state, a.code, clock.now()).ok, a.code === b.code);
  });
});

describe('POST /api/login/code/send', () => {
  let f: Fixture;
  let secret = '';
  before(async () => {
    f = await startFactorsFixture();
    ({ secret } = await enrolTotp(f, await f.signIn('carol', INSIDE)));
  });
  after(() => f.close());

  it('refuses a factor that sends no code (422), and the login goes on', async () => {
    const { browser, transaction } = await passwordFirst(f, 'carol');
    const res = await browser.post('/api/login/code/send', { transaction, factor: 'totp' });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'code_not_sent');
    const done = await browser.post('/api/login/code', {
      transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now()),
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    f.clock.advance(30_000);
  });

  it('answers bad input with 400 and our error shape', async () => {
    const { browser, transaction } = await passwordFirst(f, 'carol');
    for (const body of [{}, { transaction }, { transaction, factor: 'nope' }, { factor: 'totp' }]) {
      const res = await browser.post('/api/login/code/send', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'invalid_input');
    }
    // Still usable afterwards.
    await signInWithApp(f, 'carol', secret);
  });
});
