/**
 * The product's own login page (`/login`): where forward-auth sends people and where the admin page
 * sends administrators. It is nothing but `<ipsafezone-login>` embedded as an integrator would,
 * with `return_to` passed on only when it is safe (no open redirects), an OpenID Connect
 * `login_hint` as the prefilled user name, and its first zone answer in the HTML (the bundle and
 * stylesheet inline under hash-pinned CSP when the bundle is self-contained; else linked with
 * modulepreload), compressed (server/pages/widget-embed.ts). Never cached: that answer is this
 * request's. Its fallback text shows when the element never starts — JavaScript off, or (a linked
 * bundle) the script could not load — and says both.
 */
import { Hono } from 'hono';
import type { AppConfig } from '../config/settings.js';
import type { DoorEnv } from '../http/context.js';
import { safeReturnUrl } from '../login/return-url.js';
import { esc, htmlDocument, pageLang } from '../platform/html.js';
import {
  compressedHtml,
  cspWith,
  inlineCss,
  inlineWidget,
  loginElement,
  widgetHead,
  type WidgetPageDeps,
} from './widget-embed.js';

export function loginPage(config: AppConfig, deps: WidgetPageDeps): Hono<DoorEnv> {
  const routes = new Hono<DoorEnv>();
  routes.get('/login', async (c) => {
    const lang = pageLang(c.req.header('accept-language'));
    const back = safeReturnUrl(c.req.query('return_to') ?? '', config) ?? '/';
    // An OpenID Connect client's `login_hint`, passed on by the interaction: the user name, prefilled.
    const hint = (c.req.query('login_hint') ?? '').trim().slice(0, 200);
    const fallback =
      lang === 'de'
        ? 'Das Anmeldeformular konnte nicht starten: JavaScript ist aus, oder der Anmeldeserver ist nicht erreichbar. Bitte JavaScript einschalten oder gleich erneut versuchen.'
        : 'The sign-in form could not start: JavaScript is off, or the sign-in server cannot be reached. Turn JavaScript on, or try again in a moment.';
    const widget = await inlineWidget(deps.distDir);
    const style = widget ? await inlineCss('page.css') : null;
    const html = htmlDocument({
      lang,
      title: lang === 'de' ? 'Anmelden' : 'Sign in',
      ...(widget && style
        ? { inlineStyles: [style.text], inlineScripts: [widget.text] }
        : await widgetHead(deps, ['page.css'])),
      simulatorBanner: config.embeddedSecSign,
      body: `<main class="ipsz-login-page">
<h1>${esc(config.serviceName)}</h1>
<div class="ipsz-card">${await loginElement(c, deps, back, {
        attributes: hint ? ` username="${esc(hint)}"` : '',
        fallback: `<p>${esc(fallback)}</p>`,
      })}</div>
</main>`,
    });
    return compressedHtml(c, html, {
      'Cache-Control': 'no-store',
      ...(widget && style ? { 'Content-Security-Policy': cspWith([widget], [style]) } : {}),
    });
  });
  return routes;
}
