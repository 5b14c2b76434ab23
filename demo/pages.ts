/**
 * HTML of the demo pages: the start page, the Jira-style and Confluence-style login pages (their
 * look, not their logos) with `<ipsafezone-login>` embedded exactly as an integrator would — one
 * module script tag and one element — and the protected sample page. No inline script or style.
 */
import type { LoginMode } from '../server/policy/index.js';
import { esc, htmlDocument, type PageLang } from '../server/platform/html.js';
import type { ZoneDecision } from '../server/domain/zone-decision.js';
import { demoText, type DemoText } from './text.js';

/** The demo's stylesheet, served by the demo routes. */
export const DEMO_CSS_URL = '/demo/demo.css';
/** Where the built widget is served (docs/widget.md). */
export const WIDGET_URL = '/widget/ipsafezone-login.js';

function modeText(t: DemoText, mode: LoginMode): string {
  return mode === 'password' ? t.modePassword : mode === '2fa' ? t.mode2fa : t.mode2sa;
}

/** Start page: which address is inside, which outside, where this request stands, and all links. */
export function startPage(input: {
  lang: PageLang;
  port: string;
  zoneDecision: ZoneDecision;
  banner: boolean;
}): string {
  const t = demoText(input.lang);
  const inside = `http://127.0.0.1:${input.port}/`;
  const outside = `http://[::1]:${input.port}/`;
  const s = input.zoneDecision;
  const link = (href: string, text: string) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`;
  return htmlDocument({
    lang: input.lang,
    title: t.startTitle,
    styles: [DEMO_CSS_URL],
    simulatorBanner: input.banner,
    body: `<main class="demo-start">
<h1>${esc(t.startTitle)}</h1>
<p>${esc(t.startIntro)}</p>
<section class="demo-card" aria-labelledby="sides">
<h2 id="sides">${esc(t.twoSides)}</h2>
<ul class="demo-sides">
<li class="inside">${esc(t.insideLabel)} <a href="${esc(inside)}" data-side="inside">${esc(inside)}</a></li>
<li class="outside">${esc(t.outsideLabel)} <a href="${esc(outside)}" data-side="outside">${esc(outside)}</a></li>
</ul>
<p class="demo-zoneDecision" data-inside="${s.inside ? 'yes' : 'no'}">${esc(t.youAre)} <strong>${esc(s.clientIp ?? '?')}</strong>, ${esc(s.inside ? `${t.youAreInside} (${s.zone ?? ''})` : t.youAreOutside)}. ${esc(t.modeNow)} <strong data-mode="${s.mode}">${esc(modeText(t, s.mode))}</strong>.</p>
</section>
<section class="demo-card" aria-labelledby="pages">
<h2 id="pages">${esc(t.pages)}</h2>
<ul class="demo-links">
${link('/demo/jira/login', t.jiraLink)}
${link('/demo/confluence/login', t.confluenceLink)}
${link('/login?return_to=%2Fdemo%2Fapp', t.loginLink)}
${link('/secsign-sim/phone', t.phoneLink)}
${link('/admin', t.adminLink)}
${link('/demo/app', t.appLink)}
${link('/demo/rp', t.rpLink)}
</ul>
<p>${esc(t.usersNote)}</p>
</section>
</main>`,
  });
}

/** A look-alike login page with the widget embedded as an integrator would. */
export function productLoginPage(input: {
  lang: PageLang;
  product: 'jira' | 'confluence';
  returnTo: string;
  banner: boolean;
}): string {
  const t = demoText(input.lang);
  const jira = input.product === 'jira';
  return htmlDocument({
    lang: input.lang,
    title: jira ? t.jiraTitle : t.confluenceTitle,
    styles: [DEMO_CSS_URL],
    scripts: [WIDGET_URL],
    simulatorBanner: input.banner,
    body: `<div class="demo-product demo-${input.product}">
<header class="demo-topbar"><span class="demo-mark" aria-hidden="true"></span><span class="demo-product-name">${jira ? 'Jira-style demo' : 'Confluence-style demo'}</span></header>
<main class="demo-login">
<h1>${esc(jira ? t.jiraHeading : t.confluenceHeading)}</h1>
<div class="demo-login-card">
<ipsafezone-login return-to="${esc(input.returnTo)}">
  <p>${esc(t.noScript)}</p>
</ipsafezone-login>
</div>
<p class="demo-footnote">${esc(t.styleNote)} <a href="/">${esc(t.back)}</a></p>
</main>
</div>`,
  });
}

/** The protected sample page: who is signed in, with what, from where. */
export function appPage(input: {
  lang: PageLang;
  banner: boolean;
  user: { username: string; displayName: string; role: string };
  factors: string;
  zoneDecision: ZoneDecision;
  /** `Remote-User` as received from a trusted proxy (nginx forward-auth), if any. */
  proxyUser: string | null;
}): string {
  const t = demoText(input.lang);
  const s = input.zoneDecision;
  const row = (label: string, value: string, id: string) =>
    `<dt>${esc(label)}</dt><dd data-field="${id}">${esc(value)}</dd>`;
  return htmlDocument({
    lang: input.lang,
    title: t.appTitle,
    styles: [DEMO_CSS_URL],
    simulatorBanner: input.banner,
    body: `<main class="demo-app">
<h1>${esc(t.appTitle)}</h1>
<p class="demo-signed-in">${esc(t.signedInAs)} <strong data-field="who">${esc(input.user.displayName)}</strong></p>
<dl class="demo-card demo-facts">
${row(t.user, input.user.username, 'username')}
${row(t.name, input.user.displayName, 'name')}
${row(t.role, input.user.role, 'role')}
${row(t.factors, input.factors, 'factors')}
${row(t.address, s.clientIp ?? '?', 'address')}
${row(t.zone, s.zone ?? t.noZone, 'zone')}
${row(t.mode, modeText(t, s.mode), 'mode')}
${input.proxyUser !== null ? row(t.proxyUser, input.proxyUser, 'remote-user') : ''}
</dl>
<p>${esc(t.appNote)}</p>
<p><a href="/">${esc(t.back)}</a></p>
</main>`,
  });
}
