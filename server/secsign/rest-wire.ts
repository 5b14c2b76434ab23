/**
 * SecSign ID's REST API v2 on the wire, in one place for our client and the demo's simulator.
 * There is no public document: this follows SecSign's own connectors (docs/secsign-rest.md names
 * the files) — `SecSignRESTConnector.java` of SecSign/SecSign-ID-Keycloak-Plugin and
 * `Classes/Connector/SecSignIDApi.php` of SecSign/SecSign-ID-Typo3-Plugin:
 * - every call carries a preemptive `Authorization: Basic` of the PIN account (UTF-8
 *   `name:password`) and `Content-type: application/json`, in that order (Java's
 *   `addRequiredHeadersToRequest`);
 * - paths are the server URL followed by `/rest/v2/…`; the auth session's query is
 *   `secsignid=&servicename=&serviceaddress=&showaccesspassicons=` in that order, each value
 *   encoded as Java's `URLEncoder` (UTF-8, space as `+`) — which is exactly what
 *   `URLSearchParams` writes;
 * - answers are JSON objects. `authsessionid` is a Java `long`: above 2^53 a JavaScript number
 *   would round it, so it is read from the raw text (see {@link readAuthSessionId}).
 */

/** `GET`: the ID server's version; answered by ID servers from 10.7.5 on. */
export const SERVER_INFO_PATH = '/rest/v2/PluginRegistration/ServerInfo';

/** Value encoding of Java's `URLEncoder.encode(v, "UTF-8")`: `URLSearchParams`'s own. */
export function formValue(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** `GET`: a new auth session. The query in the connectors' order. */
export function authSessionPath(input: {
  secSignId: string;
  serviceName: string;
  serviceAddress: string;
  showAccessPassIcons: boolean;
}): string {
  return (
    '/rest/v2/AuthSession?secsignid=' +
    formValue(input.secSignId) +
    '&servicename=' +
    formValue(input.serviceName) +
    '&serviceaddress=' +
    formValue(input.serviceAddress) +
    '&showaccesspassicons=' +
    String(input.showAccessPassIcons)
  );
}

/** `GET` (state) and `DELETE` (cancel) of one auth session: the id in the path as received. */
export function authSessionStatePath(authSessionId: string): string {
  return `/rest/v2/AuthSession/${authSessionId}`;
}

/** `GET`: whether a SecSign ID exists (lower-cased, as the Java connector sends it). */
export function secSignIdExistPath(secSignId: string): string {
  return `/rest/v2/SecSignId/${secSignId.toLowerCase()}?exist`;
}

/** The two headers every connector call carries, in the Java connector's order. */
export function restHeaders(account: string, password: string): Record<string, string> {
  return {
    Authorization: 'Basic ' + Buffer.from(`${account}:${password}`, 'utf8').toString('base64'),
    'Content-type': 'application/json',
  };
}

/** A REST answer's JSON object, or null when the body is not one. */
export function readJsonObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Whether `text` is a decimal Java `long` (what an `authsessionid` is). */
export function isJavaLong(text: string): boolean {
  if (!/^-?(0|[1-9]\d{0,18})$/.test(text)) return false;
  const n = BigInt(text);
  return n >= LONG_MIN && n <= LONG_MAX;
}

/**
 * The top-level `authsessionid` of a JSON answer, digit for digit, or null when there is none we
 * can trust. It is taken from the raw text (a JSON number or a string of digits) and accepted only
 * when exactly one `"authsessionid":` key is in the text and it is the parsed object's own: the
 * parsed value (rounded, if it had to be) must equal the raw digits read as a number. A key inside
 * a string value cannot match, since its quotes would be escaped there.
 */
export function readAuthSessionId(body: string, parsed: Record<string, unknown>): string | null {
  const found = [...body.matchAll(/"authsessionid"\s*:\s*(?:(-?\d+)|"(-?\d+)")/g)];
  if (found.length !== 1) return null;
  const [, asNumber, asString] = found[0]!;
  const raw = asNumber ?? asString ?? '';
  const value = parsed['authsessionid'];
  if (asNumber !== undefined ? value !== Number(raw) : value !== raw) return null;
  return isJavaLong(raw) ? raw : null;
}

/** A non-negative integer field (`authsessionstate`, the version parts), number or digits. */
export function readCount(parsed: Record<string, unknown>, key: string): number | null {
  const v = parsed[key];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number(v);
  return null;
}

/** `exist` as the Java connector reads it: a boolean, or a string that is `true` in any case. */
export function readExist(parsed: Record<string, unknown>): boolean {
  const v = parsed['exist'];
  if (typeof v === 'boolean') return v;
  return String(v).toLowerCase() === 'true';
}

/** Every field name a REST answer of the calls we make can carry. */
const REST_FIELDS = [
  'authsessionid',
  'authsessionicondata',
  'secsignid',
  'authsessionstate',
  'exist',
  'majorVersion',
  'minorVersion',
  'patchVersion',
  'error',
  'errormsg',
  'errorcode',
] as const;

/** Whether a JSON object has at least one field SecSign's REST answers use. */
export function isRestAnswer(parsed: Record<string, unknown> | null): boolean {
  return parsed !== null && REST_FIELDS.some((k) => k in parsed);
}
