/**
 * A relying party for the end-to-end tests that stands in for Jira's and Confluence's built-in
 * OpenID Connect client ("SSO for Atlassian Data Center"). Written from what that client does, as
 * read from its code (version unknown; docs/stand-ins.md has the table with each point's source),
 * on a certified library (`openid-client`):
 * - authorization code flow, `scope=openid` + configured scopes, `state` and `nonce`, no PKCE, the
 *   token request with client_secret_basic only, the callback at `/plugins/servlet/oidc/callback`;
 * - `state` and `nonce` are kept in the browser's own session (here an HttpOnly cookie, in Jira its
 *   HTTP session) and used once: a callback whose `state` this browser was not given is refused
 *   before the code is redeemed;
 * - `iss` exact, `aud` = client id, `nonce`, `exp`/`iat` with 60 s of clock skew;
 * - the user name from the ID token's `preferred_username` (the claim Atlassian's how-tos set), else
 *   from userinfo (Bearer access token); just-in-time provisioning reads display name (`name`),
 *   e-mail (`email`) and groups (`groups`, strings) from the ID token ONLY, and a missing one fails
 *   the sign-in with "Claim [name] could not be found", as Jira does.
 * Stricter than Jira where the library is (it checks the ID token's `alg`; Jira does not verify the
 * signature at all). `GET /start` sends the browser to the provider (query parameters such as
 * `prompt=login` are passed on); the callback shows the ID token's claims, the userinfo answer and
 * the user Jira would sign in as JSON in `<pre id="claims">`, or the refusal in `<pre id="error">`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { runCli } from '../../server/cli/run.js';

export const CALLBACK_PATH = '/plugins/servlet/oidc/callback';
/** The cookie holding `state.nonce` for the browser that was sent to the provider. */
const REQUEST_COOKIE = 'rp_oidc_request';
/** The claims Jira's just-in-time provisioning reads from the ID token (display name, e-mail, groups). */
const JIT_CLAIMS = ['name', 'email', 'groups'] as const;

/** What Jira makes of the claims: the user name and the JIT fields, or the error it shows. */
export function jiraUserOf(
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown>,
): { username: string; displayName: string; email: string; groups: string[] } {
  const username = idToken['preferred_username'] ?? userinfo['preferred_username'];
  if (typeof username !== 'string' || username === '') {
    throw new Error('Claim [preferred_username] could not be found');
  }
  for (const claim of JIT_CLAIMS) {
    if (idToken[claim] === undefined) throw new Error(`Claim [${claim}] could not be found`);
  }
  const groups = idToken['groups'];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) {
    throw new Error('Claim [groups] is not a list of strings');
  }
  return {
    username,
    displayName: String(idToken['name']),
    email: String(idToken['email']),
    groups: groups as string[],
  };
}

/** The `state.nonce` cookie of the request, if any. */
function requestCookie(header: string | undefined): { state: string; nonce: string } | null {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === REQUEST_COOKIE && value) {
      const [state, nonce] = value.split('.');
      if (state && nonce) return { state, nonce };
    }
  }
  return null;
}

export interface TestRelyingParty {
  origin: string;
  callback: string;
  /** The callback URLs the browser brought, in order (for replay tests). */
  callbacks: URL[];
  /** Discovers the issuer and sets the client id and secret (after they are registered). */
  configure(issuer: string, clientId: string, secret: string): Promise<client.Configuration>;
  close(): Promise<void>;
}

export async function startRelyingParty(): Promise<TestRelyingParty> {
  let config: client.Configuration | null = null;
  const callbacks: URL[] = [];
  const page = (id: string, body: string) =>
    `<!doctype html><html><head><title>RP</title></head><body><pre id="${id}">${body
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')}</pre></body></html>`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!config) throw new Error('not configured');
      if (url.pathname === '/start') {
        const state = client.randomState();
        const nonce = client.randomNonce();
        res.setHeader(
          'set-cookie',
          `${REQUEST_COOKIE}=${state}.${nonce}; Path=/; HttpOnly; SameSite=Lax; Max-Age=900`,
        );
        const target = client.buildAuthorizationUrl(config, {
          redirect_uri: origin + CALLBACK_PATH,
          scope: 'openid profile email groups',
          state,
          nonce,
          ...Object.fromEntries(url.searchParams),
        });
        res.writeHead(302, { location: target.href }).end();
        return;
      }
      if (url.pathname === CALLBACK_PATH) {
        callbacks.push(url);
        // Used once, by this browser only (Jira keeps them in its HTTP session).
        const issued = requestCookie(req.headers.cookie);
        res.setHeader('set-cookie', `${REQUEST_COOKIE}=; Path=/; HttpOnly; Max-Age=0`);
        if (!issued || url.searchParams.get('state') !== issued.state) {
          throw new Error('state does not match the request this browser started');
        }
        const tokens = await client.authorizationCodeGrant(config, url, {
          expectedState: issued.state,
          expectedNonce: issued.nonce,
        });
        const claims = tokens.claims()!;
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        const jira = jiraUserOf(claims, userinfo);
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(page('claims', JSON.stringify({ idToken: claims, userinfo, jira })));
        return;
      }
      res.writeHead(404).end();
    })().catch((err: unknown) => {
      res
        .writeHead(400, { 'content-type': 'text/html' })
        .end(page('error', String((err as { error?: string }).error ?? err)));
      // (a thrown Error shows as "Error: …", e.g. "Error: Claim [email] could not be found")
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    callback: origin + CALLBACK_PATH,
    callbacks,
    async configure(issuer, clientId, secret) {
      config = await client.discovery(
        new URL(issuer),
        clientId,
        // Jira allows 60 s of clock skew on exp and iat.
        { client_secret: secret, [client.clockTolerance]: 60 },
        client.ClientSecretBasic(secret),
        {
          execute: [client.allowInsecureRequests],
        },
      );
      return config;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Registers a confidential client with the command line operators use (`ipsafezone oidc client
 * add`) on the database at `databaseUrl`; returns the secret it prints once.
 */
export async function registerClient(
  databaseUrl: string,
  clientId: string,
  redirectUri: string,
): Promise<string> {
  let out = '';
  const status = await runCli(
    ['oidc', 'client', 'add', '--id', clientId, '--name', clientId, '--redirect-uri', redirectUri],
    {
      env: { DATABASE_URL: databaseUrl },
      readStdin: () => Promise.resolve(''),
      out: (l) => (out += l + '\n'),
      err: (l) => (out += l + '\n'),
    },
  );
  if (status !== 0) throw new Error(`oidc client add failed (${status}): ${out}`);
  return out.trim().split('\n').at(-1)!;
}
