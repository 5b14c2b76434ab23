/**
 * One normalisation per identifier, used by every part that compares, counts or records it — the
 * users table's unique key, the brute-force limiter and the audit log. Two normalisations of one
 * identifier gave every look-alike spelling (`ｖｉｃｔｉｍ`, `ⅴictim`) its own attempt bucket while
 * the lookup found the same user (lessons-from-peers 12). Pure: no database, no HTTP.
 */

/** The key user names are unique, limited and audited by: trimmed, Unicode NFKC, lower-cased. */
export function usernameKey(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

/**
 * A SecSign ID as sent, stored, compared and limited: trimmed and lower-cased, as SecSign's clients
 * do. (An ID holds only letters, digits and `@ _ - .`, checked at every way in, so there is nothing
 * for Unicode normalisation to fold.)
 */
export function secSignIdKey(id: string): string {
  return id.trim().toLowerCase();
}

/**
 * Why a user name cannot be used, or null when it can: control characters (NUL included) and
 * other invisible format characters are refused at the edge, before any lookup or limit.
 */
export function usernameProblem(username: string): string | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(username))
    return 'A user name cannot contain control characters.';
  if (/[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(username))
    return 'A user name cannot contain invisible formatting characters.';
  return null;
}
