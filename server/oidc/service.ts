/**
 * The running provider, built on first use (keys are read — or made, on first start — from the
 * database) and rebuilt when the key set changes (a rotation by the CLI is picked up within
 * `KEY_CHECK_MS`) or when a retired key it holds runs out (checked on every look-up, so a retired
 * key leaves the JWKS on time, however long the process runs). Everything else the provider keeps
 * lives in the database, so a rebuild loses nothing.
 *
 * Fail closed: without `IPSAFEZONE_SECRET_KEY` the private keys could only be stored in clear, so
 * OpenID Connect stays off — its endpoints answer 503 and start-up says why.
 */
import type Provider from 'oidc-provider';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { AppConfig } from '../config/settings.js';
import { createSecretBox } from '../platform/crypto/secret-box.js';
import { keySetVersion, loadSigningKeys } from './keys.js';
import { purgeExpired } from './adapter.js';
import { buildProvider } from './provider.js';

const KEY_CHECK_MS = 30_000;

export interface OidcService {
  /** Why OpenID Connect is off, or null when it is on. */
  readonly disabledReason: string | null;
  readonly issuer: string;
  /** The provider (built or rebuilt as needed). Throws when it is off. */
  provider(): Promise<Provider>;
}

/** `IPSAFEZONE_OIDC_ISSUER`, else the origin of the public URL (the login page's origin). */
export function issuerOf(config: Pick<AppConfig, 'oidcIssuer' | 'loginUrl'>): string {
  if (config.oidcIssuer) return config.oidcIssuer.replace(/\/$/, '');
  return new URL(config.loginUrl).origin;
}

export function createOidcService(deps: {
  db: Database;
  clock: Clock;
  config: AppConfig;
}): OidcService {
  const issuer = issuerOf(deps.config);
  const disabledReason = deps.config.secretKey
    ? null
    : 'OpenID Connect is off: IPSAFEZONE_SECRET_KEY is not set, and the signing keys are stored only encrypted with it.';
  let current: {
    provider: Provider;
    version: string;
    checkedAt: number;
    /** When a retired key it publishes runs out (then it is rebuilt without), or null. */
    keysExpireAt: number | null;
  } | null = null;
  let building: Promise<Provider> | null = null;

  const build = async (): Promise<Provider> => {
    const box = createSecretBox(deps.config.secretKey);
    const { keys, expiresAt } = await loadSigningKeys(
      deps.db,
      deps.clock,
      box,
      deps.config.oidcRetiredKeyMs,
    );
    const version = await keySetVersion(deps.db);
    const provider = buildProvider({
      db: deps.db,
      clock: deps.clock,
      issuer,
      keys,
      secretKey: deps.config.secretKey,
    });
    current = { provider, version, checkedAt: deps.clock.now(), keysExpireAt: expiresAt };
    return provider;
  };

  return {
    disabledReason,
    issuer,
    async provider() {
      if (disabledReason) throw new Error(disabledReason);
      const now = deps.clock.now();
      const keysRanOut = current?.keysExpireAt != null && now >= current.keysExpireAt;
      if (current && !keysRanOut && now - current.checkedAt < KEY_CHECK_MS) return current.provider;
      if (current && !keysRanOut) {
        current.checkedAt = deps.clock.now();
        // Now and then: drop the provider's records that have expired (never read again).
        await purgeExpired(deps.db, deps.clock).catch((err: unknown) => {
          console.error('Expired OpenID Connect records could not be purged:', err);
        });
        if ((await keySetVersion(deps.db)) === current.version) return current.provider;
      }
      building ??= build().finally(() => {
        building = null;
      });
      return building;
    },
  };
}
