/**
 * Imported by the test support that builds apps (test-server.ts, the login, OIDC and factor
 * fixtures, the admin API harness): new password hashes in those tests are Argon2id at 1 MiB and
 * one pass instead of OWASP's 19 MiB and two passes (server/platform/crypto/passwords.ts). Still
 * Argon2id through the same worker pool, verified the same way, the dummy check for unknown names
 * included; about 0.2 ms of CPU per hash instead of 11. The production parameters are asserted by
 * test/server/platform/crypto/passwords.test.ts, which does not import this.
 */
import { setPasswordHashCostForTests } from '../../server/platform/crypto/passwords.js';

setPasswordHashCostForTests({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
