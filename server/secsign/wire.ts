/**
 * The httpapi wire format in one place, shared by the client and the embedded ID server.
 *
 * Requests are ordinary form encoding. Answers are NOT: SecSign's own SDKs (`SecSignIDApi.js`
 * `createResponseMap`, `SecSignIDApi.php` `checkResponse`) split the body on `&` and each pair on
 * its first `=` and never URL-decode, so the base64 access pass arrives with raw `+ / =` and the
 * error message with raw spaces. We read answers the same way; decoding would turn `+` into a space
 * and break the PNG.
 */

/**
 * Reads an httpapi answer body into a map: pairs split on `&`, each on its first `=`, keys and
 * values trimmed (as the JS SDK does), pairs without `=` or with an empty key skipped. The first
 * occurrence of a key wins. Values are not URL-decoded.
 */
export function parseAnswer(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of body.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim();
    if (key === '' || fields.has(key)) continue;
    fields.set(key, pair.slice(eq + 1).trim());
  }
  return fields;
}

/**
 * Writes an httpapi answer body. Values go out raw like SecSign's, except that `%`, `&` and line
 * breaks in free text are percent-encoded so that a service name cannot forge extra fields.
 */
export function formatAnswer(fields: ReadonlyArray<readonly [string, string | number]>): string {
  return fields
    .map(([key, value]) => `${key}=${String(value).replace(/[%&\r\n]/g, percentEncode)}`)
    .join('&');
}

function percentEncode(ch: string): string {
  return '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}

/** Builds a form-encoded request body (`application/x-www-form-urlencoded`). */
export function formatRequest(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(fields).toString();
}

/** Largest string SecSign accepts for a service name or address: longer ones are cut. */
export const MAX_SERVICE_TEXT = 255;

/** Cuts `text` to at most `max` characters without splitting a surrogate pair. */
export function cutText(text: string, max = MAX_SERVICE_TEXT): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** A SecSign ID as it is sent: trimmed and lower-cased. */
export function normalizeSecSignId(id: string): string {
  return id.trim().toLowerCase();
}

/** `authsessionid`: a signed 64-bit integer written in decimal. */
export function isAuthSessionId(value: string): boolean {
  if (!/^(0|-?[1-9]\d{0,18})$/.test(value)) return false;
  const n = BigInt(value);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** `requestid`: 64 hex characters. */
export function isRequestId(value: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(value);
}
