/**
 * Encrypts secrets ipsafezone must be able to read back (an LDAP bind password, a Crowd
 * application password, OIDC signing keys) before they are stored in the database, with a key that
 * lives only in the environment (`IPSAFEZONE_SECRET_KEY`). A copy of the database alone then
 * reveals none of them. AES-256-GCM; the key is derived from the configured value with HKDF so any
 * long random string works. Sealed values are `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the value was sealed with another key or was altered. */
  open(sealed: string): string;
}

/** Thrown when a secret must be stored but no `IPSAFEZONE_SECRET_KEY` is configured. */
export class NoSecretKeyError extends Error {
  constructor() {
    super(
      'IPSAFEZONE_SECRET_KEY is not set: secrets cannot be stored. Set it to a long random string (e.g. `openssl rand -base64 32`) and keep it out of the database backups.',
    );
    this.name = 'NoSecretKeyError';
  }
}

/** Minimum length of `IPSAFEZONE_SECRET_KEY`. */
export const SECRET_KEY_MIN_LENGTH = 32;

export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < SECRET_KEY_MIN_LENGTH) throw new NoSecretKeyError();
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'ipsafezone', 'secret-box v1', 32));
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
      return `v1.${parts.join('.')}`;
    },
    open(sealed) {
      const [v, iv, tag, data] = sealed.split('.');
      if (v !== 'v1' || iv === undefined || tag === undefined || data === undefined)
        throw new Error('Not a sealed secret.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** A box that refuses every use, for installations without a secret key. */
export function missingSecretBox(): SecretBox {
  const fail = (): never => {
    throw new NoSecretKeyError();
  };
  return { seal: fail, open: fail };
}
