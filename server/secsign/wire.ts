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
 * occurrence of a key wins (SecSign's SDKs keep the last; the client refuses an answer that repeats
 * a protocol field, {@link repeatedProtocolFields}). Values are not URL-decoded.
 */
export function parseAnswer(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of answerPairs(body)) if (!fields.has(key)) fields.set(key, value);
  return fields;
}

/** An answer body's pairs in order, repeats included, read as {@link parseAnswer} describes. */
function* answerPairs(body: string): Generator<[key: string, value: string]> {
  for (const pair of body.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim();
    if (key !== '') yield [key, pair.slice(eq + 1).trim()];
  }
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

/** A SecSign ID as it is sent: the one normalisation of SecSign IDs (`server/core/identifiers.ts`). */
export { secSignIdKey as normalizeSecSignId } from '../core/identifiers.js';

/**
 * `authsessionid` and `requestid`: kept exactly as the ID server sent them (never re-cased or
 * re-formatted), so only their syntax is checked, loosely: SecSign's samples show a signed 64-bit
 * decimal (`-8337412603900330717`) and 64 upper-case hex characters, but one sample is not a
 * grammar. We accept 1 to 128 ASCII letters and digits (an `authsessionid` may start with `-`):
 * enough for any real id, and nothing that could forge a form field or a deep-link parameter.
 */
export function isAuthSessionId(value: string): boolean {
  return /^-?[A-Za-z0-9]{1,128}$/.test(value);
}

/** `requestid`: 1 to 128 ASCII letters and digits, any case (see {@link isAuthSessionId}). */
export function isRequestId(value: string): boolean {
  return /^[A-Za-z0-9]{1,128}$/.test(value);
}

/**
 * A SecSign ID's characters, as SecSign's JS SDK checks them (`SecSignIDApi.checkSecSignId`:
 * `/^[\w@_\-\.]*$/`): ASCII letters and digits and `@ _ - .`, here 1 to 255 of them.
 */
export function isValidSecSignId(id: string): boolean {
  return /^[A-Za-z0-9@_.-]{1,255}$/.test(id);
}

/** Every field name SecSign's httpapi answers carry (requests' answers and errors). */
const PROTOCOL_FIELDS = [
  'error',
  'errormsg',
  'errorcode',
  'secsignid',
  'authsessionid',
  'requestid',
  'servicename',
  'serviceaddress',
  'authsessionicondata',
  'authsessionstate',
] as const;

/**
 * The protocol fields (see {@link isProtocolAnswer}) an answer body names more than once. SecSign's
 * SDKs keep the last value of a repeated field, {@link parseAnswer} the first: rather than pick one,
 * the client refuses such an answer (docs/stand-ins.md).
 */
export function repeatedProtocolFields(body: string): string[] {
  const counts = new Map<string, number>();
  for (const [key] of answerPairs(body)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return PROTOCOL_FIELDS.filter((name) => (counts.get(name) ?? 0) > 1);
}

/**
 * Whether a parsed body speaks SecSign's protocol at all: it has at least one field SecSign's
 * answers use. A body without any (an HTML page from a proxy, JSON, an empty body) is not an answer
 * of an ID server — the client counts it as that server failing and asks the next one.
 */
export function isProtocolAnswer(fields: ReadonlyMap<string, string>): boolean {
  return PROTOCOL_FIELDS.some((name) => fields.has(name));
}

/** Removes ASCII whitespace (space, tab, CR, LF, FF): SecSign's Java example wraps base64 in lines. */
export function stripAsciiWhitespace(text: string): string {
  return text.replace(/[ \t\r\n\f]/g, '');
}
