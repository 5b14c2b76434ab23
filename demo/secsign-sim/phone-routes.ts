/**
 * The simulated phone app's routes: `GET /phone` (enter an ID, see its open requests),
 * `POST /phone/open` (marks a request FETCHED and shows the symbols), `POST /phone/pick`,
 * `/phone/accept` (requests without access pass) and `/phone/deny`, `POST /phone/unfreeze`
 * (reactivates a frozen ID, as tapping it in SecSign's app does), plus the stylesheet and symbol
 * images. Every page carries a strict Content-Security-Policy; every bad request gets a 4xx page.
 * What the phone does follows SecSign's access-pass tutorial (the user opens the request, is shown
 * several symbols, picks the one the login page shows; another symbol denies) and the Jira plugin's
 * advice for a frozen ID (tap it in the app); the pages themselves are our own.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAuthSessionId, normalizeSecSignId } from '../../server/secsign/wire.js';
import type { IdServerState, PhoneOutcome } from './id-server-state.js';
import { ensureCsrfToken, isSameSitePost } from './phone-csrf.js';
import { choicePage, homePage, problemPage, resultPage, type Depth } from './phone-pages.js';
import { PHONE_CSS } from './phone-style.js';
import { pickLang, t, type Lang, type TextKey } from './phone-text.js';
import { symbolByName, symbolPng } from './symbols.js';

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A checked phone form: the ID, the session ('' for forms about the ID alone) and the rest. */
interface PhoneForm {
  id: string;
  session: string;
  fields: URLSearchParams;
}

/** The phone routes, to be mounted at the simulator's root. */
export function phoneRoutes(state: IdServerState): Hono {
  const app = new Hono();

  app.use('/phone', pageHeaders);
  app.use('/phone/*', pageHeaders);
  app.use(
    '/phone/*',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: (c) => problem(c, 413, 'sub', 'badRequest'),
    }),
  );

  app.get('/phone', (c) => {
    const lang = langOf(c);
    const id = normalizeSecSignId(c.req.query('id') ?? '');
    if (id.length > 255) return problem(c, 400, 'top', 'badRequest');
    const csrf = ensureCsrfToken(c);
    const known = id !== '' && state.hasId(id);
    const html = homePage({
      lang,
      csrf,
      now: state.clock.now(),
      id,
      known,
      frozen: known && state.isFrozen(id),
      sessions: known ? state.openSessionsOf(id) : [],
    });
    return c.html(html, id !== '' && !known ? 404 : 200);
  });

  app.get('/phone/', (c) => c.redirect('../phone', 308));

  app.get('/phone/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(PHONE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/phone/symbols/:file', (c) => {
    const match = /^([a-z]+)\.png$/.exec(c.req.param('file'));
    const shape = match ? symbolByName(match[1]!) : undefined;
    if (!shape) return problem(c, 404, 'sub', 'notFound');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(symbolPng(shape)), 200, { 'Content-Type': 'image/png' });
  });

  app.post('/phone/open', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const outcome = state.open(form.id, form.session);
    if (!outcome.ok) return refused(c, outcome, form.id);
    return c.html(
      choicePage({
        lang: langOf(c),
        csrf: form.fields.get('csrf')!,
        now: state.clock.now(),
        session: outcome.session,
      }),
    );
  });

  app.post('/phone/pick', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const symbol = form.fields.get('symbol') ?? '';
    const session = state.get(form.session);
    if (session?.secSignId === form.id && !session.choices.includes(symbol)) {
      return problem(c, 400, 'sub', 'badRequest', form.id);
    }
    return answered(c, state.answer(form.id, form.session, { symbol }), form.id);
  });

  app.post('/phone/accept', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const session = state.get(form.session);
    if (session?.secSignId === form.id && session.showAccessPass) {
      return problem(c, 400, 'sub', 'badRequest', form.id);
    }
    return answered(c, state.answer(form.id, form.session, 'accept'), form.id);
  });

  app.post('/phone/unfreeze', async (c) => {
    const form = await readForm(c, false);
    if (form instanceof Response) return form;
    if (!state.hasId(form.id)) return problem(c, 404, 'sub', 'notFound', form.id);
    state.unfreeze(form.id);
    return c.html(
      resultPage({ lang: langOf(c), id: form.id, approved: true, message: 'reactivated' }),
    );
  });

  app.post('/phone/deny', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    return answered(c, state.answer(form.id, form.session, 'deny'), form.id);
  });

  return app;
}

async function pageHeaders(c: Context, next: () => Promise<void>): Promise<void> {
  await next();
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  // not no-referrer: with it Chromium sends `Origin: null` on same-origin form posts
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
}

function langOf(c: Context): Lang {
  return pickLang(c.req.header('accept-language'));
}

function problem(
  c: Context,
  status: ContentfulStatusCode,
  depth: Depth,
  key: TextKey,
  id?: string,
  state?: number,
): Response {
  const lang = langOf(c);
  return c.html(problemPage({ lang, depth, message: t(lang, key), id, state }), status);
}

/** Reads and checks a phone form post; a Response is the 4xx answer to send instead. */
async function readForm(c: Context, withSession = true): Promise<PhoneForm | Response> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return problem(c, 415, 'sub', 'unsupported');
  }
  const fields = new URLSearchParams(await c.req.text());
  if (!isSameSitePost(c, fields.get('csrf'))) return problem(c, 403, 'sub', 'forbidden');
  const id = normalizeSecSignId(fields.get('id') ?? '');
  const session = fields.get('session') ?? '';
  if (id === '' || id.length > 255 || (withSession && !isAuthSessionId(session))) {
    return problem(c, 400, 'sub', 'badRequest', id || undefined);
  }
  return { id, session, fields };
}

function refused(c: Context, outcome: PhoneOutcome & { ok: false }, id: string): Response {
  if (outcome.reason === 'not_found') return problem(c, 404, 'sub', 'notFound', id);
  return problem(c, 409, 'sub', 'notOpen', id, outcome.session?.state);
}

function answered(c: Context, outcome: PhoneOutcome, id: string): Response {
  if (!outcome.ok) return refused(c, outcome, id);
  const approved = outcome.session.state === 3;
  return c.html(resultPage({ lang: langOf(c), id, approved }));
}
