/**
 * The simulated phone app's HTML, rendered on the server: no scripts and no inline styles (the
 * pages run under a strict Content-Security-Policy), every dynamic value escaped. Accessible as a
 * page of its own: one `h1` per page, all content inside the banner and main landmarks, no
 * automatic refresh (a "Refresh" link instead: a page that reloads itself every few seconds moves
 * a screen reader's focus and cannot be paused), and symbol names that begin with the words the
 * login widget uses for the access pass. Links are
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

/** The page around `body`: banner with the simulator warning, then `main` opening with the `h1`. */
function layout(lang: Lang, depth: Depth, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading === t(lang, 'title') ? heading : `${heading} – ${t(lang, 'title')}`)}</title>
<link rel="stylesheet" href="${asset(depth, 'style.css')}">
</head>
<body>
<header>
<div class="bar"><span class="brand">SecSign ID</span><span class="tag">${escapeHtml(t(lang, 'simulator'))}</span></div>
<p class="warning"><strong>${escapeHtml(t(lang, 'warningStrong'))}</strong> ${escapeHtml(t(lang, 'warningRest'))}</p>
</header>
<main>
<h1>${escapeHtml(heading)}</h1>
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

/** `GET …/phone`: the ID form and, once an ID is given, its open login requests (or its freeze). */
export function homePage(input: {
  lang: Lang;
  csrf: string;
  now: number;
  id: string;
  known: boolean;
  frozen: boolean;
  sessions: readonly SimSession[];
}): string {
  const { lang, csrf, now, id } = input;
  const heading = t(lang, 'title');
  const form = `<form method="get" action="phone" class="card id-form">
<label for="id">${escapeHtml(t(lang, 'idLabel'))}</label>
<input id="id" name="id" value="${escapeHtml(id)}" maxlength="255" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<button type="submit">${escapeHtml(t(lang, 'showRequests'))}</button>
</form>`;
  if (id === '') return layout(lang, 'top', heading, form);
  if (!input.known) {
    return layout(
      lang,
      'top',
      heading,
      `${form}\n<p class="notice" role="alert">${escapeHtml(t(lang, 'unknownId'))}</p>`,
    );
  }
  const refresh = `<p><a class="refresh" href="${escapeHtml(home('top', id))}">${escapeHtml(t(lang, 'refresh'))}</a></p>`;
  let content: string;
  if (input.frozen) {
    content = `<p class="notice">${escapeHtml(t(lang, 'frozen'))}</p>
<form method="post" action="phone/unfreeze">${hidden({ id, csrf })}<button type="submit">${escapeHtml(t(lang, 'reactivate'))}</button></form>`;
  } else if (input.sessions.length === 0) {
    content = `<p class="empty">${escapeHtml(t(lang, 'noRequests'))}</p>\n${refresh}`;
  } else {
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
    content = `<ul class="requests">\n${items}\n</ul>\n${refresh}`;
  }
  return layout(
    lang,
    'top',
    heading,
    `${form}
<section aria-labelledby="requests-heading">
<h2 id="requests-heading">${escapeHtml(t(lang, 'requestsFor'))} ${escapeHtml(id)}</h2>
${content}
</section>`,
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
      const label = `${t(lang, 'passAlt')}: ${shape.label[lang]} (${position})`;
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
    t(lang, 'loginRequest'),
    `<dl class="card details">
<dt>${escapeHtml(t(lang, 'service'))}</dt><dd>${escapeHtml(session.serviceName)}</dd>
<dt>${escapeHtml(t(lang, 'address'))}</dt><dd>${escapeHtml(session.serviceAddress)}</dd>
<dt>${escapeHtml(t(lang, 'timeLeft'))}</dt><dd>${secondsLeft(session, now)} s</dd>
</dl>
${answer}
<form method="post" action="deny">${fields}<button type="submit" class="deny">${escapeHtml(t(lang, 'deny'))}</button></form>`,
  );
}

/** After the phone answered (approved or denied) or reactivated the ID, with a way back to the list. */
export function resultPage(input: {
  lang: Lang;
  id: string;
  approved: boolean;
  message?: 'reactivated';
}): string {
  const { lang, id, approved } = input;
  return layout(
    lang,
    'sub',
    t(lang, 'loginRequest'),
    `<p class="result ${approved ? 'ok' : 'no'}" role="status">${escapeHtml(t(lang, input.message ?? (approved ? 'approved' : 'denied')))}</p>
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
    t(lang, 'problem'),
    `<p class="notice" role="alert">${escapeHtml(input.message)}${state}</p>
<p><a href="${escapeHtml(home(depth, id))}">${escapeHtml(t(lang, 'back'))}</a></p>`,
  );
}
