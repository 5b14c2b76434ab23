/**
 * Checks both SecSign ID clients (the httpapi form protocol in `client.ts`, REST v2 in
 * `rest-client.ts`) apply to what an ID server hands back, so that an answer one of them refuses
 * the other refuses too: the access pass must be a PNG in base64, and a field we cannot read is a
 * `protocol` error naming it.
 */
import { SecSignError } from './types.js';
import { stripAsciiWhitespace } from './wire.js';

/** Why a SecSign ID is refused before anything is sent. */
export const INVALID_ID_MESSAGE =
  'A SecSign ID has 1 to 255 letters, digits or the characters @ _ - . (no spaces).';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The access pass: raw base64 as SecSign sends it, ASCII whitespace removed (line-wrapped base64
 * is still base64, and a browser shows it). A percent-encoded one (base64 never contains `%`) is
 * decoded, so a server that does encode still works. It must be a PNG, since the login page shows
 * it as `data:image/png;base64,…`.
 */
export function readIcon(raw: string): string {
  let icon = stripAsciiWhitespace(raw);
  if (icon === '') return '';
  if (icon.includes('%')) {
    try {
      icon = stripAsciiWhitespace(decodeURIComponent(icon));
    } catch {
      throw protocol('authsessionicondata', raw);
    }
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(icon) || icon.length % 4 !== 0) {
    throw protocol('authsessionicondata', raw);
  }
  if (!Buffer.from(icon, 'base64').subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw protocol('authsessionicondata', raw);
  }
  return icon;
}

/** The error for an answer field we cannot read (its value shown cut to 40 characters). */
export function protocol(field: string, value: string): SecSignError {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new SecSignError(
    'protocol',
    `The SecSign ID server sent an answer we cannot read: ${field}=${JSON.stringify(shown)}.`,
  );
}

/**
 * An error the ID server reported, by SecSign's `errorcode` and `errormsg`: 20000 (or "does not
 * exist") is an unknown SecSign ID, 20006 a frozen one, anything else a server error.
 */
export function errorFromServer(code: string | undefined, message: string): SecSignError {
  if (code === '20000' || /does not exist/i.test(message)) {
    return new SecSignError('no_such_id', `SecSign ID server: ${message}`, code);
  }
  if (code === '20006') return new SecSignError('id_frozen', `SecSign ID server: ${message}`, code);
  return new SecSignError('server_error', `SecSign ID server: ${message}`, code);
}
