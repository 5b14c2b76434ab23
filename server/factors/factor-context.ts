/**
 * What a factor's module and its routes may use (`factor-module.ts`): the app's database, clock,
 * configuration, secret box and outside services. A file of its own so the login steps' deps
 * (`server/domain/login/steps/step-deps.ts`) can extend it without importing the module's shape,
 * which names the factors' routes and so the steps themselves (an import circle otherwise).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { AppConfig } from '../config/settings.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { SecSignClient } from '../secsign/types.js';

/** What a factor's module may use: the app's database, clock, secret box and outside services. */
export interface FactorContext {
  db: Database;
  clock: Clock;
  config: AppConfig;
  /** Opens and seals factor secrets, with IPSAFEZONE_SECRET_KEY. */
  box: SecretBox;
  secsign: SecSignClient;
}
