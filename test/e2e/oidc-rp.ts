/**
 * A relying party for the end-to-end tests, configured exactly like Jira's OIDC client: a certified
 * library (`openid-client`), authorization code flow, client_secret_basic, no PKCE, state and
 * nonce, its callback at `/plugins/servlet/oidc/callback`. `GET /start` sends the browser to the
 * provider (query parameters such as `prompt=login` are passed on); the callback exchanges the code
 * and shows the ID token's claims and the userinfo answer as JSON in `<pre id="claims">`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { runCli } from '../../server/cli/run.js';

export const CALLBACK_PATH = '/plugins/servlet/oidc/callback';

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
  const pending = new Map<string, string>(); // state → nonce
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
        pending.set(state, nonce);
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
        const state = url.searchParams.get('state') ?? '';
        const tokens = await client.authorizationCodeGrant(config, url, {
          expectedState: state,
          expectedNonce: pending.get(state),
        });
        const claims = tokens.claims()!;
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(page('claims', JSON.stringify({ idToken: claims, userinfo })));
        return;
      }
      res.writeHead(404).end();
    })().catch((err: unknown) => {
      res
        .writeHead(400, { 'content-type': 'text/html' })
        .end(page('error', String((err as { error?: string }).error ?? err)));
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
        secret,
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
