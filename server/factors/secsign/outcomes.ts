/**
 * What each SecSign ID outcome means for the person signing in: the failure states (2, 4, 5, 6, 8)
 * and the protocol errors, each with its own code and plain message. The widget translates by code.
 */
import { AppError } from '../../platform/errors.js';
import { AuthSessionState, SecSignError } from '../../secsign/types.js';
import { isValidSecSignId, normalizeSecSignId } from '../../secsign/wire.js';

const INVALID_SECSIGN_ID =
  'A SecSign ID has only letters, digits and the characters @ _ - . (no spaces). Check what you typed.';

/**
 * The SecSign ID step's input with its ID checked before anything is sent: only the characters
 * SecSign's JS SDK allows (letters, digits, `@ _ - .`), else 422 `invalid_secsign_id`.
 */
export function checkedSecSignId<T extends { secSignId: string }>(input: T): T {
  if (!isValidSecSignId(normalizeSecSignId(input.secSignId))) {
    throw new AppError(422, 'invalid_secsign_id', INVALID_SECSIGN_ID);
  }
  return input;
}

const FAILURES: Partial<Record<AuthSessionState, { code: string; message: string }>> = {
  [AuthSessionState.EXPIRED]: {
    code: 'secsign_expired',
    message: 'The SecSign ID request timed out before it was confirmed. Please start again.',
  },
  [AuthSessionState.DENIED]: {
    code: 'secsign_denied',
    message: 'The login was denied in the SecSign ID app (or a different symbol was picked).',
  },
  [AuthSessionState.SUSPENDED]: {
    code: 'secsign_suspended',
    message:
      'Another login request for this SecSign ID came in while this one was waiting, so this one was stopped.',
  },
  [AuthSessionState.CANCELED]: {
    code: 'secsign_canceled',
    message: 'The SecSign ID request was cancelled.',
  },
  [AuthSessionState.INVALID]: {
    code: 'secsign_invalid',
    message: 'The SecSign ID server no longer knows this request. Please start again.',
  },
};

/** The error for a failure state, or null for a state that means "keep waiting" or success. */
export function failureForState(state: number): AppError | null {
  const f = FAILURES[state as AuthSessionState];
  return f ? new AppError(401, f.code, f.message) : null;
}

export const WAITING_STATES: ReadonlySet<number> = new Set([
  AuthSessionState.NOSTATE,
  AuthSessionState.PENDING,
  AuthSessionState.FETCHED,
]);

/** Turns a SecSign client error into what the person is told. */
export function appErrorFromSecSign(err: unknown): AppError {
  if (err instanceof SecSignError) {
    switch (err.code) {
      case 'no_such_id':
        return new AppError(
          404,
          'secsign_no_such_id',
          'There is no SecSign ID with that name. Check the spelling.',
        );
      case 'invalid_id':
        return new AppError(422, 'invalid_secsign_id', INVALID_SECSIGN_ID);
      case 'id_frozen':
        // SecSign's advice (its Jira plugin): the ID stays frozen until its owner reactivates it.
        return new AppError(
          409,
          'secsign_id_frozen',
          'This SecSign ID was frozen because several login requests came at once. To reactivate it, open the SecSign ID app on your phone and tap this SecSign ID, then sign in again.',
        );
      case 'unreachable':
        return new AppError(
          503,
          'secsign_unreachable',
          'The SecSign ID server cannot be reached. Please try again shortly.',
        );
      default:
        return new AppError(
          502,
          'secsign_error',
          'The SecSign ID server answered with an error. Please try again.',
        );
    }
  }
  return new AppError(
    502,
    'secsign_error',
    'The SecSign ID server answered with an error. Please try again.',
  ).withLog('Unexpected SecSign error', err);
}
