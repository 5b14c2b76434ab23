/**
 * The demo's sample OpenID Connect relying party (`/demo/rp`), so `npm run demo` shows the whole
 * redirect flow Jira and Confluence use: "Sign in with ipsafezone" → the provider → our login page
 * → back with a code → tokens → the ID token's claims on the page. It is configured like Jira's
 * OIDC client (`openid-client`, client_secret_basic, state and nonce, no PKCE). At first use it
 * registers itself as client `demo-rp` with the loopback callbacks and a fresh secret kept in
 * memory; state and nonce ride in an HttpOnly cookie on `/demo/rp`. A demo page: it does not call
 * userinfo or apply Jira's just-in-time claim rules — the tests' stand-in for Jira's client,
 * `test/e2e/oidc-rp.ts`, does (docs/stand-ins.md names the sources).
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import type { DoorDeps } from '../server/http/door-deps.js';
import type { DoorEnv } from '../server/http/context.js';
import { esc, htmlDocument, pageLang } from '../server/platform/html.js';
import { addOidcClient, findOidcClient, removeOidcClient } from '../server/oidc/clients.js';
import { issuerOf } from '../server/oidc/service.js';
import { DEMO_CSS_URL } from './pages.js';

export const DEMO_RP_CLIENT_ID = 'demo-rp';
const COOKIE = 'demo_rp_request';

const WORDS = {
  en: {
    title: 'Sample application (OpenID Connect)',
    intro:
      'This page stands in for Jira or Confluence with "SSO for Atlassian Data Center": it signs you in through ipsafezone with OpenID Connect and shows what the ID token says.',
    signIn: 'Sign in with ipsafezone',
    fresh: 'Sign in again (prompt=login)',
    claims: 'The ID token says',
    failed: 'The sign-in did not complete:',
    off: 'OpenID Connect is off on this server (IPSAFEZONE_SECRET_KEY is not set).',
  },
  de: {
    title: 'Beispielanwendung (OpenID Connect)',
    intro:
      'Diese Seite steht für Jira oder Confluence mit „SSO for Atlassian Data Center“: Sie meldet Sie per OpenID Connect über ipsafezone an und zeigt, was das ID-Token enthält.',
    signIn: 'Mit ipsafezone anmelden',
    fresh: 'Erneut anmelden (prompt=login)',
    claims: 'Das ID-Token enthält',
    failed: 'Die Anmeldung wurde nicht abgeschlossen:',
    off: 'OpenID Connect ist auf diesem Server aus (IPSAFEZONE_SECRET_KEY ist nicht gesetzt).',
  },
} as const;

export function demoRelyingParty(doors: DoorDeps): Hono<DoorEnv> {
  const { db, clock, config } = doors;
  const issuer = issuerOf(config);
  let rp: Promise<client.Configuration> | null = null;
  const routes = new Hono<DoorEnv>();

  /** Registers `demo-rp` for this port's loopback callbacks with a new secret, once per process. */
  const configure = (port: string) => {
    rp ??= (async () => {
      if (await findOidcClient(db, DEMO_RP_CLIENT_ID))
        await removeOidcClient(db, DEMO_RP_CLIENT_ID);
      const hosts = ['127.0.0.1', '[::1]', 'localhost'];
      const { secret } = await addOidcClient(db, clock, {
        clientId: DEMO_RP_CLIENT_ID,
        name: 'Demo sample application',
        redirectUris: hosts.map((h) => `http://${h}:${port}/demo/rp/callback`),
      });
      return client.discovery(
        new URL(issuer),
        DEMO_RP_CLIENT_ID,
        secret!,
        client.ClientSecretBasic(secret!),
        {
          execute: issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
        },
      );
    })().catch((err: unknown) => {
      rp = null;
      throw err;
    });
    return rp;
  };

  const page = (c: Context<DoorEnv>, body: string, status: 200 | 400 | 503 = 200) => {
    const lang = pageLang(c.req.header('accept-language'));
    c.header('Cache-Control', 'no-store');
    return c.html(
      htmlDocument({
        lang,
        title: WORDS[lang].title,
        styles: [DEMO_CSS_URL],
        simulatorBanner: config.embeddedSecSign,
        body: `<main class="demo-start"><h1>${esc(WORDS[lang].title)}</h1><p>${esc(WORDS[lang].intro)}</p>${body}</main>`,
      }),
      status,
    );
  };
  const words = (c: Context<DoorEnv>) => WORDS[pageLang(c.req.header('accept-language'))];
  const links = (c: Context<DoorEnv>) =>
    `<p><a class="demo-button" href="/demo/rp/start" data-action="sign-in">${esc(words(c).signIn)}</a>
 <a href="/demo/rp/start?prompt=login">${esc(words(c).fresh)}</a></p>`;

  routes.get('/demo/rp', (c) =>
    config.secretKey ? page(c, links(c)) : page(c, `<p>${esc(words(c).off)}</p>`, 503),
  );

  routes.get('/demo/rp/start', async (c) => {
    if (!config.secretKey) return page(c, `<p>${esc(words(c).off)}</p>`, 503);
    const url = new URL(c.req.url);
    const config_ = await configure(url.port || '80');
    const state = client.randomState();
    const nonce = client.randomNonce();
    setCookie(c, COOKIE, `${state}.${nonce}`, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/demo/rp',
      maxAge: 900,
    });
    const target = client.buildAuthorizationUrl(config_, {
      redirect_uri: `${url.origin}/demo/rp/callback`,
      scope: 'openid profile email groups',
      state,
      nonce,
      ...(c.req.query('prompt') === 'login' ? { prompt: 'login' } : {}),
    });
    return c.redirect(target.href, 302);
  });

  routes.get('/demo/rp/callback', async (c) => {
    const [state, nonce] = (getCookie(c, COOKIE) ?? '').split('.');
    deleteCookie(c, COOKIE, { path: '/demo/rp' });
    const url = new URL(c.req.url);
    try {
      const tokens = await client.authorizationCodeGrant(await configure(url.port || '80'), url, {
        expectedState: state ?? '',
        expectedNonce: nonce ?? '',
      });
      const claims = JSON.stringify(tokens.claims(), null, 2);
      return page(
        c,
        `<section class="demo-card"><h2>${esc(words(c).claims)}</h2><pre data-field="claims">${esc(claims)}</pre></section>${links(c)}`,
      );
    } catch (err) {
      const e = err as { error?: string; message?: string };
      return page(
        c,
        `<p class="demo-error">${esc(words(c).failed)} <code data-field="error">${esc(e.error ?? e.message ?? 'error')}</code></p>${links(c)}`,
        400,
      );
    }
  });
  return routes;
}
