/**
 * The shape of what a browser sends back from `navigator.credentials.create()` / `.get()` after
 * `credential.toJSON()`: checked with zod at the door, so malformed input is a 400 with our error
 * shape before the WebAuthn library sees it. Strings are base64url, each bounded.
 */
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url');

const common = {
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullish(),
};

export const assertionSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8192),
    authenticatorData: b64url(8192),
    signature: b64url(2048),
    userHandle: b64url(512).nullish(),
  }),
});

export const attestationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8192),
    attestationObject: b64url(65536),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});

/** The fields assertions and attestations share, in the library's shape (absent ones left out). */
function credentialFields(a: z.infer<typeof assertionSchema> | z.infer<typeof attestationSchema>) {
  return {
    id: a.id,
    rawId: a.rawId,
    type: a.type,
    clientExtensionResults: a.clientExtensionResults,
    ...(a.authenticatorAttachment ? { authenticatorAttachment: a.authenticatorAttachment } : {}),
  };
}

/** The checked assertion in the library's type (null/absent optional fields left out). */
export function asAssertion(a: z.infer<typeof assertionSchema>): AuthenticationResponseJSON {
  return {
    ...credentialFields(a),
    response: {
      clientDataJSON: a.response.clientDataJSON,
      authenticatorData: a.response.authenticatorData,
      signature: a.response.signature,
      ...(a.response.userHandle ? { userHandle: a.response.userHandle } : {}),
    },
  };
}

/** The checked attestation in the library's type. */
export function asAttestation(a: z.infer<typeof attestationSchema>): RegistrationResponseJSON {
  return {
    ...credentialFields(a),
    response: {
      clientDataJSON: a.response.clientDataJSON,
      attestationObject: a.response.attestationObject,
      ...(a.response.transports
        ? {
            transports: a.response.transports as RegistrationResponseJSON['response']['transports'],
          }
        : {}),
    },
  };
}
