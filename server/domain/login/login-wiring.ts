/**
 * Builds the login steps' dependencies from the app's providers: the second factors on offer
 * (SecSign ID; typed codes are checked by `steps/code-step.ts`), the secret box for sealed TOTP
 * secrets and the password directories in the order they are asked (the local users table,
 * then the configured LDAP and Crowd directories).
 */
import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { AppConfig } from '../../config/settings.js';
import type { SecSignClient } from '../../secsign/types.js';
import { createSecSignFactor } from '../../factors/secsign/challenge.js';
import { createSecretBox, missingSecretBox } from '../../platform/crypto/secret-box.js';
import { createDirectoryChain } from '../../directories/directory-chain.js';
import { createLocalDirectory } from '../../directories/local-directory.js';
import {
  directoryChainSources,
  directoryUserConfirmation,
} from '../../directories/login-directories.js';
import type { LoginDeps } from './steps/step-deps.js';

export interface ProvidersForLogin {
  db: Database;
  clock: Clock;
  config: AppConfig;
  secsign: SecSignClient;
}

export function loginDeps(providers: ProvidersForLogin): LoginDeps {
  const { db, clock, config, secsign } = providers;
  const local = createLocalDirectory(db);
  return {
    db,
    clock,
    config,
    factors: { secsign: createSecSignFactor({ secsign, config, clock }) },
    box: config.secretKey ? createSecretBox(config.secretKey) : missingSecretBox(),
    directories: createDirectoryChain(directoryChainSources({ db, clock, config, local })),
    confirmUser: directoryUserConfirmation({ db, clock, config }),
  };
}
