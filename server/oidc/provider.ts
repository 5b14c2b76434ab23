/**
 * Builds panva's `oidc-provider` (OpenID certified) with ipsafezone's choices: authorization code
 * flow only, client secrets compared against their stored hash, PKCE required for public clients,
 * exact redirect URIs (no omission), RS256 and ES256 keys from the database, profile claims inside
 * the ID token (Jira's just-in-time provisioning reads them there), and a login prompt that every
 * authorization must pass through our interaction route — so the address the request comes from
 * is checked against the policy every time, not only when the provider's own session is new.
 */
import { hkdfSync } from 'node:crypto';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { Provider, interactionPolicy } from './library.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { libsqlAdapter } from './adapter.js';
import { SCOPE_CLAIMS, userBySubject, userClaims } from './accounts.js';
import { clientSecretMatches } from './clients.js';
import type { PrivateJwk } from './keys.js';
import { errorPage, logoutPage, loggedOutPage } from './pages.js';
import { behindTls } from './issuer-origin.js';
import { pageLang } from '../platform/html.js';

const langOf = (ctx: KoaContextWithOIDC) => pageLang(ctx.get('accept-language') || undefined);

/** Where the provider's endpoints live (discovery stays at `/.well-known/openid-configuration`). */
export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PATH = `${OIDC_PREFIX}/interaction`;

/**
 * `acr` values: whether the sign-in was multi-factor (`isMultiFactor`: SecSign ID, a passkey, the
 * password with an authenticator code). Password + recovery code gets the password value.
 */
export const ACR_PASSWORD = 'urn:ipsafezone:acr:password';
export const ACR_SECOND_FACTOR = 'urn:ipsafezone:acr:second-factor';

export const TTL = {
  AuthorizationCode: 60,
  AccessToken: 3600,
  IdToken: 3600,
  Interaction: 900,
  Grant: 3600,
  Session: 12 * 3600,
};

export interface ProviderDeps {
  db: Database;
  clock: Clock;
  issuer: string;
  keys: PrivateJwk[];
  /** Key material the cookie-signing keys are derived from (IPSAFEZONE_SECRET_KEY). */
  secretKey: string;
}

export function buildProvider(deps: ProviderDeps): Provider {
  const { db, clock } = deps;
  const { Check, base } = interactionPolicy;
  const policy = base();
  // Every authorization passes our interaction route, where the session is checked for the address
  // of this very request; the provider's own session alone never signs anyone in.
  policy
    .get('login')!
    .checks.push(
      new Check(
        'ipsafezone_policy',
        'The sign-in must be checked for this address',
        'login_required',
        (ctx) => (ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT),
      ),
    );
  const cookieKey = Buffer.from(
    hkdfSync('sha256', deps.secretKey, 'ipsafezone', 'oidc cookies v1', 32) as ArrayBuffer,
  ).toString('base64url');

  const configuration: Configuration = {
    adapter: libsqlAdapter(db, clock) as unknown as Configuration['adapter'],
    clients: [],
    jwks: { keys: deps.keys as never },
    cookies: { keys: [cookieKey] },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/userinfo`,
      jwks: `${OIDC_PREFIX}/jwks`,
      end_session: `${OIDC_PREFIX}/session/end`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
    },
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'email', 'groups'],
    // acr, amr and auth_time ride with `openid`, so every ID token says how the user signed in.
    claims: SCOPE_CLAIMS as unknown as Configuration['claims'],
    conformIdTokenClaims: false,
    acrValues: [ACR_PASSWORD, ACR_SECOND_FACTOR],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // Advertised in discovery, so only what a client registered here can use: a secret (in the
    // Authorization header or the body: the library takes either for a secret client) or, for a
    // public client, none with PKCE. No client has keys, so no private_key_jwt or client_secret_jwt
    // (the latter would need the secret in clear; we keep only its hash).
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'ES256'],
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      // Pushed authorization requests (RFC 9126): on by default in the library, used by none of our
      // relying parties (Jira, Confluence, mod_auth_openidc send the browser to /oidc/auth), and
      // its endpoint sat outside /oidc where nothing routed to it: off, and not advertised.
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(langOf(ctx), form, ctx.oidc.client?.clientName ?? null);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(langOf(ctx));
        },
      },
    },
    ttl: {
      ...TTL,
      // A session record nobody signed in to — what a visit to the logout page stores, anyone's —
      // needs to live only as long as an interaction, not a signed-in session's 12 hours.
      Session: (_ctx, session) => (session.accountId ? TTL.Session : TTL.Interaction),
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    async findAccount(_ctx, sub) {
      const user = await userBySubject(db, sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => userClaims(sub, user) as { sub: string } };
    },
    // ipsafezone's relying parties are the organisation's own: no consent screen. The grant covers
    // what the client asked for (the provider still limits it to the scopes it knows).
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      if (!oidc.session?.accountId || !oidc.client) return undefined;
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(langOf(ctx), out.error, out.error_description ?? '');
    },
  };
  const provider = new Provider(deps.issuer, configuration);
  // Client secrets are stored hashed (clients.ts): compare against the hash.
  provider.Client.prototype.compareClientSecret = function (
    this: { clientSecret?: string },
    actual: string,
  ) {
    return clientSecretMatches(this.clientSecret, actual);
  };
  // Behind a TLS-terminating proxy the provider's cookies must still be Secure, and its URLs https:
  // scheme and host come from forwarding headers that routes.ts sets from the issuer
  // (issuer-origin.ts) — never the client's own.
  if (behindTls(deps.issuer)) provider.proxy = true;
  return provider;
}
