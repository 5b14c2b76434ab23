/**
 * The admin page (`/admin`): for a signed-in administrator, an HTML shell that loads the
 * `<ipsafezone-admin>` bundle; for someone not signed in (or whose session is not enough from this
 * address), `<ipsafezone-login>` returning here; for a plain user, a 403 page pointing to /profile.
 * The shells for `/profile` come from the same helpers.
 */
import { Hono, type Context } from 'hono';
import type { AppConfig } from '../config/settings.js';
import type { Actor, DoorEnv } from '../http/context.js';
import { esc, htmlDocument, pageLang, type PageLang } from '../platform/html.js';
import { loginElement, widgetHead, type WidgetPageDeps } from './widget-embed.js';
import { versionedAssetUrl } from './assets-route.js';

const TEXT = {
  en: {
    admin: 'Administration',
    profile: 'Your profile',
    signInFirst: 'Sign in to continue.',
    notEnough:
      'Your session does not count from the address you are at now: sign in again (from here you need a second factor).',
    adminsOnly: 'Administrators only',
    adminsOnlyText: 'This page is for administrators. You can see and change your own account on',
    yourProfile: 'your profile page',
  },
  de: {
    admin: 'Verwaltung',
    profile: 'Ihr Profil',
    signInFirst: 'Melden Sie sich an, um fortzufahren.',
    notEnough:
      'Ihre Sitzung gilt von Ihrer jetzigen Adresse aus nicht: Melden Sie sich erneut an (von hier brauchen Sie einen zweiten Faktor).',
    adminsOnly: 'Nur für Administratoren',
    adminsOnlyText:
      'Diese Seite ist für Administratoren. Ihr eigenes Konto sehen und ändern Sie auf',
    yourProfile: 'Ihrer Profilseite',
  },
} satisfies Record<PageLang, Record<string, string>>;

/** The words of the page shells in one language. */
export const shellText = (lang: PageLang) => TEXT[lang];

/** The page that asks someone to sign in with `<ipsafezone-login>` and come back to `returnTo`. */
export async function signInShell(
  c: Context<DoorEnv>,
  config: AppConfig,
  deps: WidgetPageDeps,
  returnTo: string,
  title: string,
) {
  const lang = pageLang(c.req.header('accept-language'));
  const t = TEXT[lang];
  const note = c.get('sessionInsufficient') ? t.notEnough : t.signInFirst;
  return c.html(
    htmlDocument({
      lang,
      title,
      ...(await widgetHead(deps, ['page.css', 'admin.css'])),
      simulatorBanner: config.embeddedSecSign,
      body: `<main class="ipsz-login-page">
<h1>${esc(title)}</h1>
<p class="ipsz-note" role="status">${esc(note)}</p>
<div class="ipsz-card">${await loginElement(c, deps, returnTo)}</div>
</main>`,
    }),
    200,
    { 'Cache-Control': 'no-store' },
  );
}

/** The shell that loads one of our page elements (`tag`) from `/assets/<bundle>.js`. */
export async function elementShell(
  c: Context<DoorEnv>,
  config: AppConfig,
  deps: WidgetPageDeps,
  p: { title: string; tag: string; bundle: string },
  actor: Actor,
) {
  const lang = pageLang(c.req.header('accept-language'));
  return c.html(
    htmlDocument({
      lang,
      title: `${p.title} – ${config.serviceName}`,
      styles: await Promise.all(
        ['page.css', 'admin.css'].map((s) => versionedAssetUrl(deps.distDir, s)),
      ),
      scripts: [await versionedAssetUrl(deps.distDir, `${p.bundle}.js`)],
      simulatorBanner: config.embeddedSecSign,
      body: `<${p.tag} lang="${lang}" username="${esc(actor.username)}" service-name="${esc(config.serviceName)}"></${p.tag}>`,
    }),
    200,
    { 'Cache-Control': 'no-store' },
  );
}

export function adminPage(deps: WidgetPageDeps): Hono<DoorEnv> {
  const { config } = deps;
  const routes = new Hono<DoorEnv>();
  routes.get('/admin', async (c) => {
    const lang = pageLang(c.req.header('accept-language'));
    const t = TEXT[lang];
    const actor = c.get('actor');
    if (!actor) return signInShell(c, config, deps, '/admin', t.admin);
    if (actor.role !== 'admin') {
      return c.html(
        htmlDocument({
          lang,
          title: t.adminsOnly,
          styles: ['/assets/page.css', '/assets/admin.css'],
          simulatorBanner: config.embeddedSecSign,
          body: `<main class="ipsz-login-page">
<h1>${esc(t.adminsOnly)}</h1>
<div class="ipsz-card"><p>${esc(t.adminsOnlyText)} <a href="/profile">${esc(t.yourProfile)}</a>.</p></div>
</main>`,
        }),
        403,
        { 'Cache-Control': 'no-store' },
      );
    }
    return elementShell(
      c,
      config,
      deps,
      {
        title: t.admin,
        tag: 'ipsafezone-admin',
        bundle: 'admin',
      },
      actor,
    );
  });
  return routes;
}
