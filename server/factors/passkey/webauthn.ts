/**
 * Passkeys (WebAuthn) with `@simplewebauthn/server`: the options a browser needs to create or use
 * a passkey, and the checks of what it sent back. User verification is required everywhere (a
 * passkey alone is then multi-factor, like SecSign ID: the device and its PIN or biometrics); the
 * relying-party ID and the allowed origins come from the configuration only. The signature counter
 * is checked here, after the signature: a counter that does not move forward means a cloned
 * credential. No database and no HTTP: the login steps and the profile routes store and audit.
 */
import { createHash } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AppConfig } from '../../config/settings.js';
import type { PasskeyData } from '../../store/passkeys.js';

/** How long a browser has to answer a passkey challenge. */
export const PASSKEY_CHALLENGE_MS = 2 * 60_000;

export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]', '::1'];

/**
 * The relying party from the configuration: `IPSAFEZONE_WEBAUTHN_*`, else the public URL's host
 * and `ownOrigins` (the public origin and its loopback spellings, which the door passes in).
 */
export function relyingParty(
  config: Pick<AppConfig, 'publicUrl' | 'serviceName' | 'webauthnRpId' | 'webauthnOrigins'>,
  ownOrigins: string[],
): RelyingParty {
  const host = new URL(config.publicUrl).hostname;
  // Browsers take no address as an RP ID; on the machine itself `localhost` is the one name.
  const fallback = LOOPBACK.includes(host) ? 'localhost' : host;
  return {
    id: config.webauthnRpId || fallback,
    name: config.serviceName,
    origins: config.webauthnOrigins.length > 0 ? config.webauthnOrigins : ownOrigins,
  };
}

/** The user handle a passkey stores: derived from the user's row id, revealing no name. */
export function userHandleOf(userId: number, rp: RelyingParty): string {
  return createHash('sha256')
    .update(`ipsafezone-user:${userId}:${rp.id}`)
    .digest()
    .subarray(0, 32)
    .toString('base64url');
}

/** Why a passkey was refused (the audit outcome; the client sees one plain message). */
export type PasskeyRefusal =
  | 'no_user_verification'
  | 'wrong_origin'
  | 'wrong_rp_id'
  | 'challenge_mismatch'
  | 'cloned_credential'
  | 'bad_signature'
  | 'invalid_response';

export class PasskeyRefused extends Error {
  constructor(
    readonly reason: PasskeyRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'PasskeyRefused';
  }
}

/** Sorts the library's error sentences into our refusal reasons. */
function refusalOf(err: unknown): PasskeyRefused {
  const message = err instanceof Error ? err.message : String(err);
  const reason: PasskeyRefusal = /user verification/i.test(message)
    ? 'no_user_verification'
    : /origin/i.test(message)
      ? 'wrong_origin'
      : /RP ?ID/i.test(message)
        ? 'wrong_rp_id'
        : /challenge/i.test(message)
          ? 'challenge_mismatch'
          : /signature/i.test(message)
            ? 'bad_signature'
            : 'invalid_response';
  return new PasskeyRefused(reason, message);
}

export function registrationOptions(
  rp: RelyingParty,
  user: { id: number; username: string; displayName: string },
  existing: { credentialId: string; transports: string[] }[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.displayName || user.username,
    userID: Buffer.from(userHandleOf(user.id, rp), 'base64url'),
    timeout: PASSKEY_CHALLENGE_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((e) => ({ id: e.credentialId, transports: e.transports })),
    // Discoverable, so the passkey can sign in without a user name; verified, so it is 2FA alone.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

/** Checks a registration; the credential id and what to store, or `PasskeyRefused`. */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  challenge: string,
): Promise<{ credentialId: string; data: PasskeyData }> {
  let result;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch (err) {
    throw refusalOf(err);
  }
  if (!result.verified) throw new PasskeyRefused('invalid_response', 'not verified');
  const info = result.registrationInfo;
  if (!info.userVerified) throw new PasskeyRefused('no_user_verification', 'UV flag not set');
  return {
    credentialId: info.credential.id,
    data: {
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    },
  };
}

/** Options for a sign-in: no credentials listed, so the browser offers the discoverable ones. */
export function authenticationOptions(
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: [],
    userVerification: 'required',
    timeout: PASSKEY_CHALLENGE_MS,
  });
}

/**
 * Checks an assertion against the stored passkey: signature, challenge, origin, RP ID, user
 * verification, then the counter. Answers the new counter and backup flag, or `PasskeyRefused`.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  challenge: string,
  stored: { credentialId: string; data: PasskeyData },
): Promise<{ counter: number; backedUp: boolean }> {
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
      // The counter is compared below, once the signature is known to be good, so that only a
      // genuine assertion with a stale counter is called a clone.
      credential: {
        id: stored.credentialId,
        publicKey: Buffer.from(stored.data.publicKey, 'base64url'),
        counter: 0,
        transports: stored.data.transports,
      },
    });
  } catch (err) {
    throw refusalOf(err);
  }
  if (!result.verified) throw new PasskeyRefused('bad_signature', 'signature not verified');
  const info = result.authenticationInfo;
  if (!info.userVerified) throw new PasskeyRefused('no_user_verification', 'UV flag not set');
  const before = stored.data.counter;
  if ((info.newCounter > 0 || before > 0) && info.newCounter <= before) {
    throw new PasskeyRefused(
      'cloned_credential',
      `signature counter ${info.newCounter} did not move past ${before}`,
    );
  }
  return { counter: info.newCounter, backedUp: info.credentialBackedUp };
}
