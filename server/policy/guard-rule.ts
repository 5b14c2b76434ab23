/**
 * The guard's rule (issue 24): whether a request on its way to Jira, Confluence or Bitbucket may
 * reach the product — the promise "outside the safe zone, a password alone never gets in" applied
 * to every door of the product, not only to our own login page. Pure: it takes where the request
 * stands (the one decision, `decideZone`, said whether a password alone is enough from this
 * address) and what it carries (proxied-request.ts), and answers pass or refuse with a reason.
 *
 * - Where a password alone is enough (inside a zone): everything passes — the products' own
 *   password forms stay the break-glass door there.
 * - Outside, with an ipsafezone session that is enough from there (a browser that signed in
 *   through OpenID Connect with a second factor): everything passes.
 * - Outside otherwise, only a token request passes: `Authorization: Bearer` (a personal access
 *   token, an OAuth 2.0 access token), with no password-shaped credential anywhere the product
 *   reads one — not `Basic` or another scheme, no `os_*` / `j_*` parameter in the query or the path,
 *   no form-shaped body (which the proxy cannot read and Seraph would), and not a door whose
 *   password travels in a JSON or XML body (case (a): `/rest/auth/1/session`, XML-/JSON-RPC, the
 *   login forms) — refused by path after normalisation, whatever the token. A setting can confine
 *   tokens to the zone too.
 * - The OAuth 2.0 token endpoint (case (b)) carries a code in a form body without a Bearer header:
 *   it passes from outside only when ipsafezone itself read that body and found a code grant and
 *   nothing password-shaped.
 * - Git clients (case (c)) send tokens as `Basic`: refused from outside like any Basic; they use
 *   `Bearer` (`git -c http.extraHeader="Authorization: Bearer …"`, docs/integration-atlassian.md).
 * - Anything else from outside is refused (default deny), and so is a request whose URI cannot be
 *   read the way Tomcat reads it.
 */
import { BODY_PASSWORD_DOORS, type RequestShape } from './proxied-request.js';

export type GuardPass = 'inside' | 'session' | 'token' | 'oauth2_code';

export type GuardRefusal =
  | 'unreadable_request'
  | 'password_credential'
  | 'password_parameter'
  | 'password_door'
  | 'form_body'
  | 'tokens_confined'
  | 'no_credential'
  | 'enrolment_required';

export type GuardVerdict =
  { pass: true; reason: GuardPass } | { pass: false; reason: GuardRefusal };

export interface GuardInput {
  /** Whether a password alone is enough from where the request stands (`requirement` is `password`). */
  passwordEnough: boolean;
  /** Whether the request carries an ipsafezone session that is enough from where it stands. */
  sessionEnough: boolean;
  /** Whether token requests may pass from outside (default yes; a setting confines them). */
  tokensOutside: boolean;
  shape: RequestShape;
  /** The request carries a session the enrolment campaign limits to enrolling a second factor. */
  enrolmentRequired?: boolean;
}

/** OAuth 2.0 grants that carry a code or a refresh token, never a password. */
const CODE_GRANTS = new Set(['authorization_code', 'refresh_token']);

export function decideGuard(input: GuardInput): GuardVerdict {
  // A session limited to enrolling reaches nothing behind the guard, inside the zone too.
  if (input.enrolmentRequired) return { pass: false, reason: 'enrolment_required' };
  if (input.passwordEnough) return { pass: true, reason: 'inside' };
  if (input.sessionEnough) return { pass: true, reason: 'session' };
  const s = input.shape;
  if (s.problems.length > 0 || s.path === null)
    return { pass: false, reason: 'unreadable_request' };
  if (s.authorization === 'basic' || s.authorization === 'other') {
    return { pass: false, reason: 'password_credential' };
  }
  if (s.passwordParams.length > 0) return { pass: false, reason: 'password_parameter' };
  if (
    s.door === 'oauth2-token' &&
    s.authorization === 'none' &&
    s.method === 'POST' &&
    s.body === 'form' &&
    s.bodyRead &&
    s.grantType !== null &&
    CODE_GRANTS.has(s.grantType)
  ) {
    return input.tokensOutside
      ? { pass: true, reason: 'oauth2_code' }
      : { pass: false, reason: 'tokens_confined' };
  }
  if (s.authorization === 'none') return { pass: false, reason: 'no_credential' };
  if (!input.tokensOutside) return { pass: false, reason: 'tokens_confined' };
  if (s.door !== null && BODY_PASSWORD_DOORS.includes(s.door)) {
    return { pass: false, reason: 'password_door' };
  }
  if (s.body === 'form') return { pass: false, reason: 'form_body' };
  return { pass: true, reason: 'token' };
}
