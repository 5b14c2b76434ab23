/**
 * What start-up says about OpenID Connect: off (and why), or on with its issuer — making the
 * signing keys on the very first start, so that a missing or wrong `IPSAFEZONE_SECRET_KEY` shows
 * at start-up, not at the first sign-in.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { AppConfig } from '../config/settings.js';
import { createSecretBox } from '../platform/crypto/secret-box.js';
import { randomBytes } from 'node:crypto';
import { loadSigningKeys, resetKeys } from './keys.js';
import { issuerOf } from './service.js';

export async function oidcStartupMessage(
  db: Database,
  clock: Clock,
  config: AppConfig,
): Promise<string> {
  if (!config.secretKey)
    return 'OpenID Connect is off: set IPSAFEZONE_SECRET_KEY (the signing keys are stored encrypted with it).';
  try {
    const { keys } = await loadSigningKeys(
      db,
      clock,
      createSecretBox(config.secretKey),
      config.oidcRetiredKeyMs,
    );
    const issuer = issuerOf(config);
    return `OpenID Connect provider on: issuer ${issuer} (${keys.length} signing keys; discovery at ${issuer}/.well-known/openid-configuration).`;
  } catch (err) {
    return `OpenID Connect is unavailable: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Demo mode without `IPSAFEZONE_SECRET_KEY`: a throw-away key for this run, so `npm run demo`
 * shows OpenID Connect; the signing keys sealed with an earlier run's key are deleted and made anew.
 * Never used outside `--demo`.
 */
export async function throwAwayDemoSecretKey(db: Database): Promise<string> {
  await resetKeys(db);
  return randomBytes(32).toString('base64url');
}
