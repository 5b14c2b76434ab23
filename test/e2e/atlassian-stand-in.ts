/**
 * A stand-in for Jira and Confluence Data Center behind the guard (Atlassian's products cannot run
 * here). Written from Atlassian's documentation of how they take a password — not from their code:
 *
 * - Seraph (Jira's and Confluence's authenticator) reads `os_username` / `os_password` with the
 *   servlet's `getParameter`, so from the query string *and* from a form-encoded body, on any path
 *   ("Seraph" and "Basic authentication" pages of developer.atlassian.com; `os_authType=basic`).
 * - `Authorization: Basic` is accepted on every path, REST or not ("Basic auth for REST APIs"), user
 *   and password split at the first colon (RFC 7617 2, as Tomcat and Seraph decode it). Bitbucket
 *   also takes an HTTP access token as the Basic password for Git over HTTPS ("HTTP access
 *   tokens").
 * - User names are case-insensitive in Jira and Confluence: `ALICE` signs in as alice, by any door.
 * - A personal access token is `Authorization: Bearer <token>` ("Using Personal Access Tokens").
 * - `POST /rest/auth/1/session` (and `/latest/`) takes `{"username","password"}` in JSON ("Cookie-
 *   based authentication"); the login forms `POST /login.jsp`, Confluence's `/dologin.action` and
 *   `/rest/gadget/1.0/login` take `os_username` / `os_password` as form fields; `login.jsp
 *   ?auth_fallback` shows the password form while SSO is on ("Bypass SAML authentication …").
 * - Confluence's `/rpc/xmlrpc` (`confluence2.login(user, password)`) and `/rpc/json-rpc/…/login`
 *   take the password in the body; WebDAV under `/plugins/servlet/confluence/default` and
 *   Bitbucket's Git over HTTPS under `/scm/` take Basic.
 * - Everything lives under a context path (`/jira`), as a Data Center install behind a proxy often
 *   does.
 *
 * - The OAuth 2.0 provider's token endpoint `POST /rest/oauth2/latest/token` (Jira / Confluence
 *   Data Center 8.22+ / 7.20+, "Jira OAuth 2.0 provider API" and "OAuth 2.0 provider" pages of
 *   confluence.atlassian.com; RFC 6749 4.1.3 / 6 and RFC 7636 for PKCE): a form-encoded body with
 *   `grant_type=authorization_code`, `code`, `redirect_uri`, `client_id` and `code_verifier` (or
 *   `grant_type=refresh_token` with `refresh_token`) answers 200 JSON `access_token`, `token_type`
 *   `bearer`, `expires_in`, `refresh_token` with `Cache-Control: no-store`; an unknown code or
 *   verifier answers 400 `{"error":"invalid_grant"}`, another grant 400 `unsupported_grant_type`.
 *
 * It records every request that reached it (method, raw URI, which credential kind, body), so a test
 * can say that a refused request never got here, and answers 200 with who signed in and through
 * which door, or 401.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CONTEXT = '/jira';
export const USER = 'alice';
export const PASSWORD = 'alice-password';
export const TOKEN = 'NjE0NDM5NzA1NzQ2OpersonalAccessToken';

/** The one authorization code the stand-in issued, with its PKCE verifier and redirect URI. */
export const OAUTH_CODE = 'c0de-from-the-consent-page';
export const OAUTH_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const OAUTH_REDIRECT = 'jiramobile://oauth2';
export const OAUTH_REFRESH = 'r3fresh-token';

export interface Seen {
  method: string;
  url: string;
  body: string;
  /** The X-Forwarded-For the proxy sent on (Jira logs and rate-limits by it), if any. */
  forwardedFor: string | undefined;
}

export interface StandIn {
  origin: string;
  /** Every request that reached the stand-in, oldest first. */
  seen: Seen[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });
}

/** Whether `name` is the user's name: user names are case-insensitive in the products. */
function isUser(name: unknown): boolean {
  return typeof name === 'string' && name.toLowerCase() === USER;
}

/** Who the request signs in as, and through which door, the way the products read it. */
function authenticate(req: IncomingMessage, path: string, body: string): string | null {
  const auth = req.headers.authorization ?? '';
  if (/^bearer\s+/i.test(auth)) return auth.split(/\s+/)[1] === TOKEN ? 'token' : null;
  if (/^basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.split(/\s+/)[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || !isUser(decoded.slice(0, colon))) return null;
    const pass = decoded.slice(colon + 1);
    if (pass === PASSWORD) return 'basic';
    return /\/scm\//.test(path) && pass === TOKEN ? 'token' : null;
  }
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const params = new URLSearchParams(url.search);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  }
  if (isUser(params.get('os_username')) && params.get('os_password') === PASSWORD) {
    return 'os_parameters';
  }
  if (/\/rest\/auth\/[^/]+\/session$/.test(path) || path.includes('/rpc/json-rpc/')) {
    try {
      const json = JSON.parse(body) as { username?: string; password?: string; params?: string[] };
      if (isUser(json.username) && json.password === PASSWORD) return 'json_login';
      if (isUser(json.params?.[0]) && json.params?.[1] === PASSWORD) return 'json_rpc_login';
    } catch {
      return null;
    }
  }
  if (path.endsWith('/rpc/xmlrpc') && body.includes(`<string>${USER}</string>`)) {
    return body.includes(`<string>${PASSWORD}</string>`) ? 'xml_rpc_login' : null;
  }
  return null;
}

/** The OAuth 2.0 provider's token endpoint, as Atlassian documents it (see the top comment). */
function tokenEndpoint(type: string | undefined, body: string, res: ServerResponse): void {
  const json = (status: number, answer: object) =>
    res
      .writeHead(status, {
        'content-type': 'application/json;charset=UTF-8',
        'cache-control': 'no-store',
        pragma: 'no-cache',
      })
      .end(JSON.stringify(answer));
  if ((type ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    json(400, { error: 'invalid_request' });
    return;
  }
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  const ok =
    grant === 'authorization_code'
      ? form.get('code') === OAUTH_CODE &&
        form.get('code_verifier') === OAUTH_VERIFIER &&
        form.get('redirect_uri') === OAUTH_REDIRECT
      : grant === 'refresh_token'
        ? form.get('refresh_token') === OAUTH_REFRESH
        : null;
  if (ok === null) json(400, { error: 'unsupported_grant_type' });
  else if (!ok) json(400, { error: 'invalid_grant' });
  else {
    json(200, {
      access_token: 'stand-in-access-token',
      token_type: 'bearer',
      expires_in: 7200,
      refresh_token: OAUTH_REFRESH,
      scope: 'WRITE',
    });
  }
}

export async function startStandIn(): Promise<StandIn> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        forwardedFor: req.headers['x-forwarded-for']?.toString(),
      });
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
      if (!path.startsWith(`${CONTEXT}/`)) {
        res.writeHead(404).end();
        return;
      }
      if (path.endsWith('/rest/oauth2/latest/token') && req.method === 'POST') {
        tokenEndpoint(req.headers['content-type'], body, res);
        return;
      }
      if (/\/login\.(jsp|action)$/.test(path) && req.method === 'GET') {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<form method="post"><input name="os_username"><input name="os_password"></form>');
        return;
      }
      const via = authenticate(req, path, body);
      if (via === null) {
        if (req.headers.accept?.includes('text/html')) {
          res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>Stand-in page ${path}</h1>`);
          return;
        }
        res.writeHead(401, { 'www-authenticate': 'Basic realm="stand-in"' }).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ user: via === 'token' ? USER : USER, via, path }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
