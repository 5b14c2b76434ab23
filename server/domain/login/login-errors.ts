/**
 * The errors a login step may answer with, in one place: each has a stable code the widget
 * translates and a plain English sentence. Unknown users and wrong passwords get the same one.
 */
import { AppError } from '../../platform/errors.js';

export function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    429,
    'too_many_attempts',
    `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: seconds },
  );
}

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'The user name or password is wrong.');

export const userDisabled = () =>
  new AppError(403, 'user_disabled', 'This account is disabled. Ask an administrator.');

export const transactionInvalid = () =>
  new AppError(
    401,
    'transaction_invalid',
    'This login attempt is no longer valid. Please start again.',
  );

export const addressChanged = () =>
  new AppError(
    403,
    'address_changed',
    'Your network address changed during the login. Please start again from where you are now.',
  );

export const noAccount = () =>
  new AppError(
    403,
    'no_account',
    'This SecSign ID is not assigned to any account here. Ask an administrator to assign it.',
  );

export const directoryUnavailable = () =>
  new AppError(
    503,
    'directory_unavailable',
    'Passwords cannot be checked right now. Please try again in a few minutes.',
  );

export const requirementChanged = () =>
  new AppError(
    403,
    'requirement_changed',
    'The sign-in rules changed while you were signing in. Please start again.',
  );

export function noSecSignId(): AppError {
  return new AppError(
    403,
    'no_secsign_id',
    'You have no second factor that counts from where you are (a SecSign ID, a passkey or an authenticator app). Ask an administrator, or enrol one on your profile from inside the safe zone.',
  );
}
