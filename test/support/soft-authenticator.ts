/**
 * A small software authenticator for server tests: it answers WebAuthn registration and
 * authentication options the way a browser plus a platform authenticator would (attestation
 * `none`, an ES256 key, the flags and the signature counter in the authenticator data), so the
 * real passkey endpoints can be driven over HTTP. Each answer can be bent — no user verification,
 * a stale counter, another origin or RP ID — to test that the server refuses it. Test code only.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | Cbor[];

/** Minimal CBOR (RFC 8949) for what WebAuthn needs: integers, strings, bytes, arrays, maps. */
export function cbor(value: Cbor): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const s = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, s.length), s]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');

export interface Bend {
  /** Set the UV flag (default: the authenticator's own `userVerified`). */
  userVerified?: boolean;
  /** Use this signature counter instead of the next one. */
  counter?: number;
  origin?: string;
  rpId?: string;
  challenge?: string;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly keys: { privateKey: KeyObject; publicKey: KeyObject };
  private counter = 0;
  private userHandle = '';

  constructor(
    readonly origin: string,
    readonly options: { userVerified?: boolean } = {},
  ) {
    this.keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  private clientData(type: string, challenge: string, bend: Bend): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: bend.origin ?? this.origin, crossOrigin: false }),
    );
  }

  private flags(bend: Bend, extra: number): number {
    const uv = bend.userVerified ?? this.options.userVerified ?? true;
    return 0x01 | (uv ? 0x04 : 0) | extra;
  }

  private coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  /** Answers `navigator.credentials.create()` options (as `credential.toJSON()` would). */
  create(
    options: { challenge: string; rp: { id?: string }; user: { id: string } },
    bend: Bend = {},
  ) {
    this.userHandle = options.user.id;
    const rpId = bend.rpId ?? options.rp.id ?? '';
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(bend.counter ?? this.counter);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(bend, 0x40)]),
      count,
      Buffer.alloc(16),
      idLen,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const clientDataJSON = this.clientData(
      'webauthn.create',
      bend.challenge ?? options.challenge,
      bend,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** Answers `navigator.credentials.get()` options; the counter moves on unless bent. */
  get(options: { challenge: string; rpId?: string }, bend: Bend = {}) {
    if (bend.counter === undefined) this.counter += 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(bend.counter ?? this.counter);
    const authData = Buffer.concat([
      sha256(bend.rpId ?? options.rpId ?? ''),
      Buffer.from([this.flags(bend, 0)]),
      count,
    ]);
    const clientDataJSON = this.clientData(
      'webauthn.get',
      bend.challenge ?? options.challenge,
      bend,
    );
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      this.keys.privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }
}
