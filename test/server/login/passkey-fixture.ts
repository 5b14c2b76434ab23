/**
 * Passkey helpers for the server tests: enrol a software authenticator's passkey through the real
 * profile endpoints, and sign in with it through the real login endpoints. The authenticator
 * answers from `http://localhost:<port>`, one of the test server's own origins (the RP ID
 * `localhost` is derived from the loopback public URL).
 */
import { SoftAuthenticator, type Bend } from '../../support/soft-authenticator.js';
import type { JsonResponse, TestClient } from '../../support/client.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { PASSWORD, type Fixture } from './fixture.js';

export function authenticator(f: Fixture, options: { userVerified?: boolean } = {}) {
  return new SoftAuthenticator(`http://localhost:${f.port}`, options);
}

/** Enrols `auth` for the user signed in on `c`; answers the final response. */
export async function enrol(
  c: TestClient,
  auth: SoftAuthenticator,
  label = 'Laptop',
  bend: Bend = {},
): Promise<JsonResponse> {
  const opts = await c.post('/api/me/passkeys/options');
  if (opts.status !== 200) return opts;
  return c.post('/api/me/passkeys', {
    transaction: opts.body.transaction,
    label,
    credential: auth.create(opts.body.options, bend),
  });
}

/** Asks for a sign-in challenge and answers it with `auth` (bent as asked). */
export async function passkeySignIn(
  c: TestClient,
  auth: SoftAuthenticator,
  bend: Bend = {},
  username?: string,
): Promise<JsonResponse> {
  const opts = await c.post('/api/login/passkey/options', username ? { username } : {});
  if (opts.status !== 200) return opts;
  return c.post('/api/login/passkey/verify', {
    transaction: opts.body.transaction,
    credential: auth.get(opts.body.options, bend),
  });
}

/** A user with neither a SecSign ID nor an enrolled factor (who may enrol a first one inside). */
export async function newUser(f: Fixture, username: string): Promise<void> {
  await createUser(f.db, f.clock, CLI_ACTOR, {
    username,
    password: PASSWORD,
    displayName: username,
  });
}

/** Signs in with the SecSign ID alone (the phone accepts) from `c`'s address. */
export async function secSignIn(f: Fixture, c: TestClient, secSignId: string): Promise<void> {
  const pending = await c.post('/api/login/secsign', { secSignId });
  if (pending.body?.status !== 'secsign_pending') throw new Error(JSON.stringify(pending.body));
  f.phone(secSignId, AuthSessionState.AUTHENTICATED);
  const done = await c.post('/api/login/secsign/status', { transaction: pending.body.transaction });
  if (done.body?.status !== 'signed_in') throw new Error(JSON.stringify(done.body));
}
