/**
 * The simulated phone app's HTML, rendered on the server: no scripts and no inline styles (the
 * pages run under a strict Content-Security-Policy), every dynamic value escaped. Links are
 * relative so the simulator works wherever the main app mounts it: pages at `…/phone` reach their
 * assets as `phone/…`, pages at `…/phone/<action>` as `…` beside them.
 */
import type { SimSession } from './id-server-state.js';
import { symbolByName } from './symbols.js';
import { STATE_NAMES, t, type Lang } from './phone-text.js';

/** Where the page sits: `top` is `…/phone`, `sub` is `…/phone/<action>`. */
export type Depth = 'top' | 'sub';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const asset = (depth: Depth, path: string) => (depth === 'top' ? `phone/${path}` : path);
const home = (depth: Depth, id?: string) =>
  (depth === 'top' ? 'phone' : '../phone') + (id ? `?id=${encodeURIComponent(id)}` : '');

function layout(
  lang: Lang,
  depth: Depth,
  body: string,
  options: { refreshSeconds?: number } = {},
): string {
  const refresh = options.refreshSeconds
    ? `\n<meta http-equiv="refresh" content="${options.refreshSeconds}">`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(t(lang, 'title'))}</title>
<link rel="stylesheet" href="${asset(depth, 'style.css')}">
</head>
<body>
<header class="bar"><span class="brand">SecSign ID</span><span class="tag">${escapeHtml(t(lang, 'simulator'))}</span></header>
<p class="warning" role="note"><strong>${escapeHtml(t(lang, 'warningStrong'))}</strong> ${escapeHtml(t(lang, 'warningRest'))}</p>
<main>
${body}
</main>
</body>
</html>
`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
    .join('');
}

function secondsLeft(session: SimSession, now: number): number {
  return Math.max(0, Math.ceil((session.expiresAt - now) / 1000));
}

/** `GET …/phone`: the ID form and, once an ID is given, its open login requests. */
export function homePage(input: {
  lang: Lang;
  csrf: string;
  now: number;
  id: string;
  known: boolean;
  sessions: readonly SimSession[];
}): string {
  const { lang, csrf, now, id } = input;
  const form = `<form method="get" action="phone" class="card id-form">
<label for="id">${escapeHtml(t(lang, 'idLabel'))}</label>
<input id="id" name="id" value="${escapeHtml(id)}" maxlength="255" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<button type="submit">${escapeHtml(t(lang, 'showRequests'))}</button>
</form>`;
  if (id === '') return layout(lang, 'top', form);
  if (!input.known) {
    return layout(
      lang,
      'top',
      `${form}\n<p class="notice" role="alert">${escapeHtml(t(lang, 'unknownId'))}</p>`,
    );
  }
  const items = input.sessions
    .map(
      (s) => `<li class="card request">
<div class="service">${escapeHtml(s.serviceName)}</div>
<div class="address">${escapeHtml(s.serviceAddress)}</div>
<div class="left">${secondsLeft(s, now)}${escapeHtml(t(lang, 'secondsLeft'))}</div>
<form method="post" action="phone/open">${hidden({ id, session: s.authSessionId, csrf })}<button type="submit">${escapeHtml(t(lang, 'open'))}</button></form>
</li>`,
    )
    .join('\n');
  const list =
    input.sessions.length === 0
      ? `<p class="empty">${escapeHtml(t(lang, 'noRequests'))}</p>`
      : `<ul class="requests">\n${items}\n</ul>\n<p class="hint">${escapeHtml(t(lang, 'refreshes'))}</p>`;
  return layout(
    lang,
    'top',
    `${form}
<section aria-labelledby="requests-heading">
<h2 id="requests-heading">${escapeHtml(t(lang, 'requestsFor'))} ${escapeHtml(id)}</h2>
${list}
</section>`,
    { refreshSeconds: 5 },
  );
}

/** `POST …/phone/open`: the request's details and the symbols to pick from (or Accept). */
export function choicePage(input: {
  lang: Lang;
  csrf: string;
  now: number;
  session: SimSession;
}): string {
  const { lang, csrf, now, session } = input;
  const fields = hidden({ id: session.secSignId, session: session.authSessionId, csrf });
  const total = session.choices.length;
  const buttons = session.choices
    .map((name, i) => {
      const shape = symbolByName(name)!;
      const position = t(lang, 'symbolOf')
        .replace('{n}', String(i + 1))
        .replace('{total}', String(total));
      const label = `${shape.label[lang]} (${position})`;
      return `<button type="submit" name="symbol" value="${escapeHtml(name)}" class="symbol" aria-label="${escapeHtml(label)}"><img src="symbols/${escapeHtml(name)}.png" alt="" width="88" height="88"></button>`;
    })
    .join('\n');
  const answer = session.showAccessPass
    ? `<p>${escapeHtml(t(lang, 'pickSymbol'))}</p>
<form method="post" action="pick" class="symbols">${fields}
${buttons}
</form>`
    : `<p>${escapeHtml(t(lang, 'noAccessPass'))}</p>
<form method="post" action="accept">${fields}<button type="submit" class="accept">${escapeHtml(t(lang, 'accept'))}</button></form>`;
  return layout(
    lang,
    'sub',
    `<h1>${escapeHtml(t(lang, 'loginRequest'))}</h1>
<dl class="card details">
<dt>${escapeHtml(t(lang, 'service'))}</dt><dd>${escapeHtml(session.serviceName)}</dd>
<dt>${escapeHtml(t(lang, 'address'))}</dt><dd>${escapeHtml(session.serviceAddress)}</dd>
<dt>${escapeHtml(t(lang, 'timeLeft'))}</dt><dd>${secondsLeft(session, now)} s</dd>
</dl>
${answer}
<form method="post" action="deny">${fields}<button type="submit" class="deny">${escapeHtml(t(lang, 'deny'))}</button></form>`,
  );
}

/** After the phone answered: approved or denied, with a way back to the list. */
export function resultPage(input: { lang: Lang; id: string; approved: boolean }): string {
  const { lang, id, approved } = input;
  return layout(
    lang,
    'sub',
    `<p class="result ${approved ? 'ok' : 'no'}" role="status">${escapeHtml(t(lang, approved ? 'approved' : 'denied'))}</p>
<p><a href="${escapeHtml(home('sub', id))}">${escapeHtml(t(lang, 'back'))}</a></p>`,
  );
}

/** A page for a request the phone cannot serve (4xx). */
export function problemPage(input: {
  lang: Lang;
  depth: Depth;
  message: string;
  id?: string;
  state?: number;
}): string {
  const { lang, depth, id } = input;
  const state =
    input.state === undefined
      ? ''
      : ` <strong>${escapeHtml(STATE_NAMES[lang][input.state] ?? '')}</strong>`;
  return layout(
    lang,
    depth,
    `<p class="notice" role="alert">${escapeHtml(input.message)}${state}</p>
<p><a href="${escapeHtml(home(depth, id))}">${escapeHtml(t(lang, 'back'))}</a></p>`,
  );
}
