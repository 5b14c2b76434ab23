/**
 * Checks for the fields of a user that both ways in (API and CLI) accept: user name, display name,
 * e-mail and SecSign ID. Each refusal is a 422 with a code naming the field.
 */
import { AppError } from '../platform/errors.js';
import { normalizeSecSignId } from '../store/users.js';
import { isValidSecSignId } from '../secsign/wire.js';

const USERNAME = /^[\p{L}\p{N}._@+-]{1,100}$/u;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/u;

/** Returns the trimmed user name, or throws 422 `invalid_username`. */
export function checkUsername(username: string): string {
  const name = username.trim();
  if (!USERNAME.test(name)) {
    throw new AppError(
      422,
      'invalid_username',
      'A user name has 1 to 100 letters, digits or the characters . _ @ + - (no spaces).',
    );
  }
  return name;
}

/** Returns the trimmed display name, or throws 422 `invalid_display_name`. */
export function checkDisplayName(name: string): string {
  const v = name.trim();
  if (v.length > 200 || /\p{Cc}/u.test(v)) {
    throw new AppError(
      422,
      'invalid_display_name',
      'A display name has at most 200 characters and no control characters.',
    );
  }
  return v;
}

/** Returns the trimmed e-mail address ('' for none), or throws 422 `invalid_email`. */
export function checkEmail(email: string): string {
  const v = email.trim();
  if (v !== '' && (v.length > 254 || !EMAIL.test(v))) {
    throw new AppError(422, 'invalid_email', 'That is not an e-mail address.');
  }
  return v;
}

/** Returns the normalised SecSign ID (trimmed, lower-cased), or throws 422 `invalid_secsign_id`. */
export function checkSecSignId(id: string): string {
  const v = normalizeSecSignId(id);
  if (!isValidSecSignId(v)) {
    throw new AppError(
      422,
      'invalid_secsign_id',
      'A SecSign ID has 1 to 255 letters, digits or the characters . _ @ - (no spaces), as SecSign allows.',
    );
  }
  return v;
}
