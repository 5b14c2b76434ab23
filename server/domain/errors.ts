/**
 * The refusals the seed's rules produce, in one place so that the admin API and the command line
 * give the same code and the same sentence.
 */
import { AppError } from '../platform/errors.js';

// The codes keep their first names (`…secsign_admin`) so clients and scripts reading them keep
// working; since issue 18 they mean any second factor the outside policy allows.
export const noOutsideAdmin = () =>
  new AppError(
    409,
    'no_secsign_admin',
    'IPSafeZone cannot be activated until at least one enabled administrator can sign in from outside ' +
      'with a second factor the policy allows (a SecSign ID, a passkey, or an authenticator app with a password). ' +
      'Give an administrator one first.',
  );

export const lastOutsideAdmin = (username?: string) =>
  new AppError(
    409,
    'last_secsign_admin',
    `${username ? `"${username}" is` : 'This is'} the last enabled administrator who can sign in from outside ` +
      'with a second factor the policy allows (SecSign ID, passkey, or authenticator app): they cannot lose it, ' +
      'be demoted, disabled or deleted, and the policy cannot stop allowing it. ' +
      'Give another administrator such a factor first, or deactivate IPSafeZone.',
  );

export const secSignIdTaken = (id?: string) =>
  new AppError(
    409,
    'secsign_id_taken',
    `The SecSign ID ${id ? `"${id}" ` : ''}already belongs to another user; a SecSign ID belongs to at most one user.`,
  );

export const usernameTaken = (name?: string) =>
  new AppError(
    409,
    'username_taken',
    `A user named "${name ?? ''}" already exists (names are compared regardless of case).`,
  );

export const zoneNameTaken = (name?: string) =>
  new AppError(409, 'zone_name_taken', `A zone named "${name ?? ''}" already exists.`);

export const userNotFound = () => new AppError(404, 'user_not_found', 'There is no such user.');

export const zoneNotFound = () => new AppError(404, 'zone_not_found', 'There is no such zone.');

export const secSignIdChangeNotAllowed = () =>
  new AppError(
    403,
    'secsign_id_change_not_allowed',
    'Users may not change their own SecSign ID here; ask an administrator.',
  );

/** A change from a password-only session once the user has a second factor (issue 18's rule). */
export const secondFactorSessionRequired = () =>
  new AppError(
    403,
    'second_factor_required',
    'Changing your second factors needs a session confirmed with one of them (or a recovery code). Sign out and sign in again with it.',
  );

export const tooManyFactors = () =>
  new AppError(409, 'too_many_factors', 'Remove an authenticator app before adding another.');

export const enrolmentInvalid = () =>
  new AppError(
    400,
    'enrolment_invalid',
    'This enrolment is no longer valid (it expired, was used already or belongs to someone else). Start again.',
  );

/** A policy save raced another that changed the zones or the settings first (policy-save.ts). */
export const policyChanged = () =>
  new AppError(
    409,
    'policy_changed',
    'The zones or settings were changed by someone else at the same moment. Look at the policy again and save once more.',
  );
