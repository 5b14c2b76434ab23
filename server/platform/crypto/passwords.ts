/**
 * Password hashing with Argon2id at OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane)
 * through @node-rs/argon2, in a pool of low-priority worker threads (server/platform/crypto/argon2-pool.ts). `verifyDummy` spends the same work for an unknown user name, so a login
 * answer does not reveal by its timing whether the user exists.
 */
import { argon2Hash as hash, argon2Verify as verify, type Argon2Options } from './argon2-pool.js';
import { AppError } from '../errors.js';

/** OWASP Password Storage Cheat Sheet, Argon2id option 2: m=19456 KiB, t=2, p=1. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/** The cost of new hashes: OWASP's, unless the test suite lowered it (below). */
let cost: Argon2Options = ARGON2_OPTIONS;

/** Throws 422 when a new password is too short or too long (counted in characters). */
export function checkNewPassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new AppError(
      422,
      'password_too_short',
      `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      422,
      'password_too_long',
      `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
}

/** Checks the length rules, then returns an Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export async function hashPassword(password: string): Promise<string> {
  checkNewPassword(password);
  return hash(password, cost);
}

/** True when `password` matches the stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH * 4) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the cost of one verification for a user that does not exist; always false. */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hash('ipsafezone-dummy-password-for-unknown-users', cost);
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * For the test suite only (test/support/fast-password-hashing.ts): new hashes, the dummy's too,
 * are made with this Argon2id cost instead of OWASP's. Thousands of test sign-ins at 19 MiB and two
 * passes spent minutes of CPU on hashing that no assertion is about. Verification always reads the
 * cost from the stored hash. Nothing in the server, the CLI or their configuration calls this.
 */
export function setPasswordHashCostForTests(options: Argon2Options): void {
  cost = options;
  dummyHash = undefined;
}
