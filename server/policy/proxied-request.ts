/**
 * What a request on its way to Jira, Confluence or Bitbucket carries, seen the way the product
 * (Tomcat and Seraph) will see it — the pure half of the guard in front of them (issue 24,
 * docs/integration-atlassian.md, "C. The guard").
 *
 * The proxy hands over the original method, request URI, `Authorization` header and content type;
 * this module normalises the URI as Tomcat does before it picks a servlet (path parameters such as
 * `;jsessionid=` cut from every segment, one percent-decoding, `\` and repeated slashes as one
 * slash, `.` and `..` resolved, `..` above the root refused) and the query's parameter names as the
 * servlet API decodes them (`+` and percent-encoding: `%6Fs_password` is `os_password`), and says
 * which *kind* of credential the request carries — never its value: no scheme, `Basic`, `Bearer`,
 * another scheme (Digest, NTLM, Negotiate: all derived from a password), Seraph's `os_*` or a login
 * form's `j_*` parameters in the query, a form-shaped body (which Seraph's `getParameter` reads
 * just like the query) — and which known password door of the products the path is, whatever the
 * context path in front of it (`/jira/rest/auth/1/session` is the same door as
 * `/rest/auth/1/session`).
 *
 * Anything this module cannot read the way Tomcat would (a bad percent-escape, `..` above the root,
 * a URI that is not a path) is reported as a problem; the rule (guard-rule.ts) refuses such a
 * request from outside. Nothing here does I/O.
 */

/** The kind of credential in the `Authorization` header. */
export type AuthorizationKind = 'none' | 'basic' | 'bearer' | 'other';

/** The kind of body, by its content type: form-shaped bodies are read by `getParameter`. */
export type BodyKind = 'none' | 'form' | 'other';

/**
 * The product doors that take a password, and one that takes a code. Each is recognised after
 * normalisation, case-insensitively, anywhere below a context path.
 */
export type DoorName =
  /** `POST /rest/auth/1/session` (and `/latest/`): a JSON body with user name and password. */
  | 'rest-auth-session'
  /** `/login.jsp`, `/login.action`, `/dologin.action`, Bitbucket's `/j_atl_security_check`. */
  | 'login-form'
  /** `/rest/gadget/1.0/login`: `os_username` / `os_password` as form parameters. */
  | 'gadget-login'
  /** Confluence's `/rpc/xmlrpc`: `login(user, password)` in an XML body. */
  | 'xml-rpc'
  /** Confluence's `/rpc/json-rpc/…`: `login` in a JSON body. */
  | 'json-rpc'
  /** Confluence's WebDAV under `/plugins/servlet/confluence/default`: Basic. */
  | 'webdav'
  /** Bitbucket's Git over HTTPS under `/scm/`: Basic (or a token as Bearer). */
  | 'git-scm'
  /** The OAuth 2.0 token endpoint (`/rest/oauth2/latest/token`): a code, form-encoded. */
  | 'oauth2-token';

/** Doors whose password travels in a body the proxy does not read (case (a) of issue 24). */
export const BODY_PASSWORD_DOORS: readonly DoorName[] = [
  'rest-auth-session',
  'login-form',
  'gadget-login',
  'xml-rpc',
  'json-rpc',
];

/** What went wrong reading the URI the way Tomcat would. */
export type UriProblem =
  'missing_uri' | 'not_a_path' | 'bad_percent_encoding' | 'above_root' | 'control_character';

export interface ProxiedRequestInput {
  /** The original method (`X-Original-Method`); missing means unknown. */
  method: string | undefined;
  /** The original request URI, path and query as the client sent it (`X-Original-URI`). */
  uri: string | undefined;
  /** The original `Authorization` header, if any — only its scheme is looked at. */
  authorization: string | undefined;
  /** The original `Content-Type`, if any. */
  contentType: string | undefined;
  /**
   * The form-encoded body, when ipsafezone itself read it (the OAuth 2.0 token endpoint is relayed
   * through ipsafezone for that); a proxy's `auth_request` never has it.
   */
  formBody?: string | undefined;
}

export interface RequestShape {
  /** The method in capitals; `GET` when unknown (HEAD is read like GET). */
  method: string;
  /** The path after normalisation, or null when it could not be read. */
  path: string | null;
  /** Problems reading the URI (empty when it was read as Tomcat would). */
  problems: UriProblem[];
  authorization: AuthorizationKind;
  /** Password-shaped parameter names found in the query or in path parameters (normalised). */
  passwordParams: string[];
  body: BodyKind;
  /** Whether the form body was read here (then `passwordParams` covers it too). */
  bodyRead: boolean;
  /** The form body's `grant_type`, when it was read (empty when two different ones were sent). */
  grantType: string | null;
  /** The known door the path is, if any. */
  door: DoorName | null;
  /** Whether the query asks for the product's own password form (`auth_fallback`, `nosso`). */
  fallback: boolean;
  /**
   * The user name a password-shaped credential claims (`os_username` in the query, the user part
   * of Basic), for the audit log; never the password or the token.
   */
  claimedUser: string | null;
}

/**
 * Parameter names the products read a password or user name from: Seraph's `os_username`,
 * `os_password`, `os_authType` (asks for Basic), `os_cookie`; the servlet login form's `j_username`
 * and `j_password` (Bitbucket). Compared in lower case: a false match only refuses a harmless
 * request from outside.
 */
const PASSWORD_PARAMS = new Set([
  'os_username',
  'os_password',
  'os_authtype',
  'os_cookie',
  'j_username',
  'j_password',
]);

/**
 * When ipsafezone reads a token request's form body itself (the OAuth 2.0 token relay), the
 * resource-owner password grant's fields count as password-shaped too (RFC 6749, 4.3.2).
 */
const RELAYED_PASSWORD_FIELDS = new Set(['username', 'password']);

const FALLBACK_PARAMS = new Set(['auth_fallback', 'nosso']);

/** Doors by their path's tail (lower case, after normalisation), anywhere below a context path. */
const DOORS: readonly [DoorName, RegExp][] = [
  ['rest-auth-session', /(^|\/)rest\/auth\/[^/]+\/session(\/|$)/],
  ['gadget-login', /(^|\/)rest\/gadget\/[^/]+\/login(\/|$)/],
  ['oauth2-token', /(^|\/)rest\/oauth2\/[^/]+\/token(\/|$)/],
  ['login-form', /(^|\/)(login\.jsp|login\.action|dologin\.action|j_atl_security_check)(\/|$)/],
  ['xml-rpc', /(^|\/)rpc\/xmlrpc(\/|$)/],
  ['json-rpc', /(^|\/)rpc\/json-rpc(\/|$)/],
  ['webdav', /(^|\/)plugins\/servlet\/confluence\/default(\/|$)/],
  ['git-scm', /(^|\/)scm(\/|$)/],
];

/** Reads the original request the proxy describes. */
export function shapeOf(input: ProxiedRequestInput): RequestShape {
  const method = (input.method ?? 'GET').trim().toUpperCase() || 'GET';
  const problems: UriProblem[] = [];
  const passwordParams: string[] = [];
  let path: string | null = null;
  let fallback = false;
  let claimedUser: string | null = null;
  let grantType: string | null = null;
  const uri = input.uri;
  if (uri === undefined || uri === '') {
    problems.push('missing_uri');
  } else if (/[\u0000-\u001f\u007f]/.test(uri)) {
    problems.push('control_character');
  } else {
    const target = absoluteFormToPath(uri);
    if (target === null || !target.startsWith('/')) {
      problems.push('not_a_path');
    } else {
      const hash = target.indexOf('#');
      const noFragment = hash < 0 ? target : target.slice(0, hash);
      const q = noFragment.indexOf('?');
      const rawPath = q < 0 ? noFragment : noFragment.slice(0, q);
      const query = q < 0 ? '' : noFragment.slice(q + 1);
      const normal = normalisePath(rawPath, passwordParams);
      if (typeof normal === 'string') path = normal;
      else problems.push(normal.problem);
      const body = input.formBody ?? '';
      for (const { name, value } of [
        ...queryParams(query, problems),
        ...queryParams(body, problems),
      ]) {
        const lower = name.toLowerCase();
        if (PASSWORD_PARAMS.has(lower)) {
          if (!passwordParams.includes(lower)) passwordParams.push(lower);
          if ((lower === 'os_username' || lower === 'j_username') && value) claimedUser ??= value;
        }
        if (input.formBody !== undefined && RELAYED_PASSWORD_FIELDS.has(lower)) {
          if (!passwordParams.includes(lower)) passwordParams.push(lower);
          if (lower === 'username' && value) claimedUser ??= value;
        }
        if (FALLBACK_PARAMS.has(lower)) fallback = true;
        if (lower === 'grant_type' && input.formBody !== undefined) {
          // Two different grant types: which one the product takes is not ours to guess.
          grantType = grantType === null || grantType === value ? value : '';
        }
      }
    }
  }
  const authorization = authorizationKind(input.authorization);
  if (authorization === 'basic' && claimedUser === null) {
    claimedUser = basicUser(input.authorization!);
  }
  const lowerPath = path?.toLowerCase() ?? null;
  const door =
    lowerPath === null ? null : (DOORS.find(([, re]) => re.test(lowerPath))?.[0] ?? null);
  return {
    method: method === 'HEAD' ? 'GET' : method,
    path,
    problems,
    authorization,
    passwordParams,
    body: bodyKind(input.contentType),
    bodyRead: input.formBody !== undefined,
    grantType,
    door,
    fallback,
    claimedUser: claimedUser === null ? null : claimedUser.slice(0, 128),
  };
}

/** `http://host/path?q` (absolute-form, which Tomcat accepts) → `/path?q`; a path stays as it is. */
function absoluteFormToPath(uri: string): string | null {
  if (uri.startsWith('/')) return uri;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(uri);
  if (!m) return null;
  return m[1] === '' || m[1]!.startsWith('?') ? `/${m[1]}` : m[1]!;
}

/**
 * Tomcat's reading of a path: path parameters cut from every segment (their names checked for
 * password-shaped ones), one percent-decoding, `\` as `/`, empty segments and `.` dropped, `..`
 * going up — and above the root a problem (Tomcat answers 400).
 */
function normalisePath(raw: string, passwordParams: string[]): string | { problem: UriProblem } {
  const segments: string[] = [];
  for (const rawSegment of raw.split('/')) {
    const semi = rawSegment.indexOf(';');
    const bare = semi < 0 ? rawSegment : rawSegment.slice(0, semi);
    if (semi >= 0) {
      for (const param of rawSegment.slice(semi + 1).split(/[;,]/)) {
        const name = decode(param.split('=')[0] ?? '', false);
        if (name !== null && PASSWORD_PARAMS.has(name.toLowerCase())) {
          if (!passwordParams.includes(name.toLowerCase())) passwordParams.push(name.toLowerCase());
        }
      }
    }
    const decoded = decode(bare, false);
    if (decoded === null) return { problem: 'bad_percent_encoding' };
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { problem: 'control_character' };
    // An encoded slash or backslash splits the segment here, as a lenient container would.
    for (const part of decoded.split(/[/\\]/)) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (segments.length === 0) return { problem: 'above_root' };
        segments.pop();
        continue;
      }
      segments.push(part);
    }
  }
  const trailing = raw.endsWith('/') && segments.length > 0;
  return `/${segments.join('/')}${trailing ? '/' : ''}`;
}

/** The query's parameters, names and values decoded as the servlet API does. */
function queryParams(query: string, problems: UriProblem[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (query === '') return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1), true);
    if (name === null || value === null) {
      if (!problems.includes('bad_percent_encoding')) problems.push('bad_percent_encoding');
      continue;
    }
    out.push({ name, value });
  }
  return out;
}

/** One percent-decoding as UTF-8 (`+` as a space in a query); null for a bad escape. */
function decode(text: string, plusIsSpace: boolean): string | null {
  const s = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The kind of credential by the header's scheme; an empty or blank header is none. */
export function authorizationKind(header: string | undefined): AuthorizationKind {
  const value = header?.trim() ?? '';
  if (value === '') return 'none';
  const [scheme, ...rest] = value.split(/\s+/);
  const lower = scheme!.toLowerCase();
  if (lower === 'bearer' && rest.length > 0) return 'bearer';
  if (lower === 'basic') return 'basic';
  return 'other';
}

/** The user part of a Basic credential (for the audit log), or null when it cannot be read. */
function basicUser(header: string): string | null {
  const encoded = header.trim().split(/\s+/)[1];
  if (!encoded) return null;
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(encoded), (ch) => ch.charCodeAt(0));
    decoded = new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : null;
}

/**
 * Form-shaped bodies are the ones a servlet's `getParameter` may read: URL-encoded forms, and
 * multipart bodies (read when the product asks for parts). Compared as Tomcat does, ignoring case
 * and parameters (`; charset=…`). A body of another type, or none, is not read for parameters.
 */
export function bodyKind(contentType: string | undefined): BodyKind {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '') return 'none';
  if (type === 'application/x-www-form-urlencoded' || type.startsWith('multipart/')) return 'form';
  return 'other';
}
