/**
 * The product's own login page (`/login`): where forward-auth sends people and where the admin page
 * sends administrators. It is nothing but `<ipsafezone-login>` embedded as an integrator would,
 * with `return_to` passed on only when it is safe (no open redirects), an OpenID Connect
 * `login_hint` as the prefilled user name, and its first zone answer in the HTML, compressed
 * (server/pages/widget-embed.ts). The first form itself comes in the HTML, rendered on the server
 * (server/pages/first-form.ts), and the page's script is linked after it; where no form is
 * rendered the script is inline under hash-pinned CSP (or, not self-contained, linked with
 * modulepreload). Never cached: that answer is this request's. Its fallback text shows when the
 * element never starts — JavaScript off, or (a linked bundle) the script could not load — and
 * says both; beside a server-rendered form only with JavaScript off.
 */
import { Hono } from 'hono';
import type { DoorEnv } from '../http/context.js';
import { safeReturnUrl } from '../login/return-url.js';
import { versionedAssetUrl } from './assets-route.js';
import { firstForm, loadFirstForms } from './first-form.js';
import { esc, htmlDocument, pageLang } from '../platform/html.js';
import {
  compressedHtml,
  cspWith,
  inlineCss,
  inlineBlock,
  inlinePageScript,
  loginElement,
  PAGE_SCRIPT,
  requestZone,
  widgetHead,
  type WidgetPageDeps,
} from './widget-embed.js';

export function loginPage(deps: WidgetPageDeps): Hono<DoorEnv> {
  const { config } = deps;
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
    const zone = await requestZone(c, deps);
    const script = await inlinePageScript(deps.distDir);
    const style = script ? await inlineCss('page.css') : null;
    // The first form in the HTML, when the page's own script is there to take it over.
    const forms = script?.takesOver && zone ? await loadFirstForms(deps.distDir) : null;
    const first = forms && zone ? firstForm(forms, lang, zone, hint) : null;
    const sheets = first
      ? { light: inlineBlock(first.lightCss), shadow: inlineBlock(first.shadowCss) }
      : null;
    const fallbackText = `<p>${esc(fallback)}</p>`;
    // With the form here the script can come after it (linked: cached, and the form does not wait
    // for it); without, it travels inside the HTML so the form needs one round trip.
    const head =
      script && style && first && sheets
        ? {
            inlineStyles: [style.text, sheets.light.text],
            scripts: [await versionedAssetUrl(deps.distDir, PAGE_SCRIPT)],
          }
        : script && style
          ? { inlineStyles: [style.text], inlineScripts: [script.text] }
          : await widgetHead(deps, ['page.css']);
    const html = htmlDocument({
      lang,
      title: lang === 'de' ? 'Anmelden' : 'Sign in',
      ...head,
      simulatorBanner: config.embeddedSecSign,
      body: `<main class="ipsz-login-page">
<h1>${esc(config.serviceName)}</h1>
<div class="ipsz-card">${await loginElement(c, deps, back, {
        zone,
        attributes: hint ? ` username="${esc(hint)}"` : '',
        // The server's shadow root has no default slot: the fallback shows (JavaScript off) in
        // the form's slot, after the form.
        fallback:
          first && sheets
            ? `<template shadowrootmode="open"><style>${sheets.shadow.text}</style>${first.card}</template>${first.form}<noscript slot="form">${fallbackText}</noscript>`
            : fallbackText,
      })}</div>
</main>`,
    });
    const csp =
      script && style && sheets
        ? cspWith([], [style, sheets.light, sheets.shadow])
        : script && style
          ? cspWith([script], [style])
          : null;
    return compressedHtml(c, html, {
      'Cache-Control': 'no-store',
      ...(csp ? { 'Content-Security-Policy': csp } : {}),
    });
  });
  return routes;
}
