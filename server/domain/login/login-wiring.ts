/**
 * Builds the login steps' dependencies from the app's providers: the challenges of the factor
 * modules answered that way (`server/factors/modules.ts`; typed codes are checked through their
 * modules by `steps/code-check.ts`), the secret box for sealed factor secrets and the password
 * directories in the order they are asked (the local users table, then the configured LDAP and
 * Crowd directories).
 */
import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { AppConfig } from '../../config/settings.js';
import type { SecSignClient } from '../../secsign/types.js';
import { challengeLogins } from '../../factors/modules.js';
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
  const box = config.secretKey ? createSecretBox(config.secretKey) : missingSecretBox();
  const ctx = { db, clock, config, box, secsign };
  return {
    ...ctx,
    factors: Object.fromEntries(
      challengeLogins().map(([name, login]) => [name, login.create(ctx)]),
    ),
    directories: createDirectoryChain(directoryChainSources({ db, clock, config, local })),
    confirmUser: directoryUserConfirmation({ db, clock, config }),
  };
}
