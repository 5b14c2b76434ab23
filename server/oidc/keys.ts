/**
 * The provider's signing keys: one RS256 and one ES256 key pair, generated on first start and kept
 * in `oidc_keys` with the private half sealed by the secret box (`IPSAFEZONE_SECRET_KEY`), so a copy
 * of the database alone cannot forge an ID token. Rotation (`ipsafezone oidc keys rotate`) makes a
 * new pair the signing keys and retires the old pair, which stays published in the JWKS until every
 * token it signed has expired (`IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES`, default two hours), then is
 * deleted. A key set says when its first retired key runs out (`expiresAt`), so the running server
 * rebuilds the provider without it at that moment, whether or not the keys changed meanwhile.
 */
import { num, str } from '../store/rows.js';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Database, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';

export type SigningAlg = 'RS256' | 'ES256';
export const SIGNING_ALGS: readonly SigningAlg[] = ['RS256', 'ES256'];

export interface PrivateJwk extends Record<string, unknown> {
  kid: string;
  alg: SigningAlg;
  use: 'sig';
}

export interface KeyView {
  kid: string;
  alg: SigningAlg;
  createdAt: number;
  retiredAt: number | null;
}

function generateJwk(alg: SigningAlg): PrivateJwk {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return {
    ...jwk,
    kid: `${alg.toLowerCase()}-${randomBytes(9).toString('base64url')}`,
    alg,
    use: 'sig',
  };
}

function publicPart(jwk: PrivateJwk): Record<string, unknown> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return pub;
}

async function insertKeys(db: Database, clock: Clock, box: SecretBox): Promise<void> {
  const now = clock.now();
  await db.batch(
    SIGNING_ALGS.map((alg) => {
      const jwk = generateJwk(alg);
      return {
        sql: 'INSERT INTO oidc_keys (kid, alg, public_jwk, private_sealed, created_at) VALUES (?, ?, ?, ?, ?)',
        args: [jwk.kid, alg, JSON.stringify(publicPart(jwk)), box.seal(JSON.stringify(jwk)), now],
      };
    }),
    'write',
  );
}

export interface SigningKeySet {
  /** Active keys first (the provider signs with the first key of each algorithm), then retired. */
  keys: PrivateJwk[];
  /** When the first retired key in `keys` runs out (ms), or null when none is retired. */
  expiresAt: number | null;
}

/**
 * The private JWKs to hand the provider: the active keys, then retired keys retired less than
 * `retiredKeyMs` ago (older ones are deleted, and left out even if the delete loses a race).
 * Generates the first pair when there is none. Throws when a stored key cannot be opened (another
 * secret key).
 */
export async function loadSigningKeys(
  db: Database,
  clock: Clock,
  box: SecretBox,
  retiredKeyMs: number,
): Promise<SigningKeySet> {
  const active = await db.execute('SELECT COUNT(*) AS n FROM oidc_keys WHERE retired_at IS NULL');
  if (num(active.rows[0]!, 'n') === 0) await insertKeys(db, clock, box);
  const oldest = clock.now() - retiredKeyMs;
  await db.execute({
    sql: 'DELETE FROM oidc_keys WHERE retired_at IS NOT NULL AND retired_at <= ?',
    args: [oldest],
  });
  const rs = await db.execute({
    sql: `SELECT private_sealed, retired_at FROM oidc_keys WHERE retired_at IS NULL OR retired_at > ?
          ORDER BY retired_at IS NOT NULL, created_at DESC`,
    args: [oldest],
  });
  const retired = rs.rows.filter((r) => r.retired_at !== null).map((r) => num(r, 'retired_at'));
  const expiresAt = retired.length > 0 ? Math.min(...retired) + retiredKeyMs : null;
  return { keys: rs.rows.map(openKey), expiresAt };

  function openKey(r: Row): PrivateJwk {
    try {
      return JSON.parse(box.open(str(r, 'private_sealed'))) as PrivateJwk;
    } catch {
      throw new Error(
        'The OpenID Connect signing keys cannot be opened: IPSAFEZONE_SECRET_KEY differs from the one they were sealed with. ' +
          'Restore the old key, or run `ipsafezone oidc keys reset` (signed-in relying parties then need new tokens).',
      );
    }
  }
}

/** A fingerprint of the key set, so a running server notices a rotation made by the CLI. */
export async function keySetVersion(db: Database): Promise<string> {
  const rs = await db.execute(
    'SELECT COUNT(*) AS n, COALESCE(MAX(created_at), 0) AS c, COALESCE(MAX(retired_at), 0) AS r FROM oidc_keys',
  );
  const row = rs.rows[0]!;
  return `${num(row, 'n')}:${num(row, 'c')}:${num(row, 'r')}`;
}

export async function listKeys(db: Database): Promise<KeyView[]> {
  const rs = await db.execute(
    'SELECT kid, alg, created_at, retired_at FROM oidc_keys ORDER BY created_at DESC, alg',
  );
  return rs.rows.map((r) => ({
    kid: str(r, 'kid'),
    alg: str(r, 'alg') as SigningAlg,
    createdAt: num(r, 'created_at'),
    retiredAt: r.retired_at === null ? null : num(r, 'retired_at'),
  }));
}

/** Retires the active keys (still published for the retired-key period) and makes a new pair. */
export async function rotateKeys(db: Database, clock: Clock, box: SecretBox): Promise<void> {
  box.seal('check'); // refuses before anything changes when no secret key is configured
  await db.execute({
    sql: 'UPDATE oidc_keys SET retired_at = ? WHERE retired_at IS NULL',
    args: [clock.now()],
  });
  await insertKeys(db, clock, box);
}

/** Deletes every key (after the secret key was lost); new ones are made at the next start. */
export async function resetKeys(db: Database): Promise<number> {
  const rs = await db.execute('DELETE FROM oidc_keys');
  return rs.rowsAffected;
}
