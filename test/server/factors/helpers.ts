/**
 * Helpers for the second-factor tests: a fixture server with a secret key (two-step outside, so the
 * password step answers with the second factors to choose from), a TOTP enrolment through the
 * profile API from inside, and codes computed with `otpauth` at the server's (manual) clock.
 */
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { startFixture, INSIDE, OUTSIDE, PASSWORD, type Fixture } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';

export { INSIDE, OUTSIDE, PASSWORD };

export const SECRET_KEY = 'factors-test-secret-key-0123456789abcdef';

/** The login fixture with a secret key; outside is two-step (`2sa`) unless `twoStep` is false. */
export async function startFactorsFixture({ twoStep = true } = {}): Promise<Fixture> {
  const f = await startFixture({ config: { secretKey: SECRET_KEY } });
  await f.settings({ twoStepActive: twoStep });
  return f;
}

/** The code an authenticator app with `secret` shows at `timestamp` (ms). */
export function codeAt(secret: string, timestamp: number): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({
    timestamp,
  });
}

/**
 * Begins and confirms an authenticator app for the user signed in on `browser`; returns the
 * confirmation's answer as it came (200, or 202 when held for approval) and the secret. The clock
 * moves one step on, so the enrolment's code is not the next one.
 */
export async function beginAndConfirmTotp(
  f: Fixture,
  browser: TestClient,
): Promise<{ confirm: Awaited<ReturnType<TestClient['post']>>; secret: string }> {
  const begin = await browser.post('/api/me/factors/totp', {});
  assert.equal(begin.status, 200, JSON.stringify(begin.body));
  const { secret, enrolment } = begin.body as { secret: string; enrolment: string };
  const confirm = await browser.post('/api/me/factors/totp/confirm', {
    enrolment,
    code: codeAt(secret, f.clock.now()),
    label: 'Phone',
  });
  f.clock.advance(30_000);
  return { confirm, secret };
}

/**
 * Enrols an authenticator app for the user signed in on `browser` (the confirmation must be
 * accepted); returns its secret and the recovery codes shown.
 */
export async function enrolTotp(
  f: Fixture,
  browser: TestClient,
): Promise<{ secret: string; recoveryCodes: string[] | null }> {
  const { confirm, secret } = await beginAndConfirmTotp(f, browser);
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  return {
    secret,
    recoveryCodes: (confirm.body as { recoveryCodes: string[] | null }).recoveryCodes,
  };
}

/** The password step from `address`; returns the browser and the transaction to finish. */
export async function passwordFirst(
  f: Fixture,
  username: string,
  address = OUTSIDE,
): Promise<{ browser: TestClient; transaction: string; body: Record<string, unknown> }> {
  const browser = f.client(address);
  const res = await browser.post('/api/login/password', { username, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.body as Record<string, unknown>;
  return { browser, transaction: String(body.transaction), body };
}

/**
 * Signs in from outside (two-step): the password, then the user's authenticator app with `secret`.
 * The clock moves one step on afterwards, so the next code is a new one.
 */
export async function signInWithApp(
  f: Fixture,
  username: string,
  secret: string,
): Promise<TestClient> {
  const c = f.client();
  const pw = await c.post('/api/login/password', { username, password: PASSWORD });
  assert.equal(pw.status, 200, JSON.stringify(pw.body));
  const done = await c.post('/api/login/code', {
    transaction: pw.body.transaction,
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  f.clock.advance(30_000);
  return c;
}
