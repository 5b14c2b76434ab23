/**
 * The page a browser outside the zone sees when the guard in front of Jira, Confluence or Bitbucket
 * refuses its request (guard-routes.ts): short, in English or German by `Accept-Language`, in the
 * products' plain style (Atlassian's system font stack and blue), saying what to do — sign in
 * through single sign-on (a link to our login page that returns to where the person was going) or
 * use a personal access token. Its one style block is allowed by its hash; it has no script.
 */
import { createHash } from 'node:crypto';
import { esc, htmlDocument, pageLang } from '../platform/html.js';

const STYLE = `body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Noto Sans",Ubuntu,"Helvetica Neue",sans-serif;color:#172b4d;background:#f4f5f7}main{max-width:34rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:3px;box-shadow:0 1px 2px rgba(9,30,66,.25)}h1{font-size:1.5rem;font-weight:500;margin:0 0 1rem}a{color:#0052cc}a:focus{outline:2px solid #4c9aff;outline-offset:2px}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const WORDS = {
  en: {
    title: (p: string) => `${p}: signing in with a password is not possible from here`,
    lead: (p: string) =>
      `You are outside the company network. From here ${p} does not accept a password on its own.`,
    sso: 'Sign in with single sign-on',
    token: 'Scripts and tools: use a personal access token (Authorization: Bearer).',
  },
  de: {
    title: (p: string) => `${p}: Anmelden mit Passwort ist von hier aus nicht möglich`,
    lead: (p: string) =>
      `Sie sind außerhalb des Firmennetzes. Von hier aus nimmt ${p} kein Passwort allein an.`,
    sso: 'Mit Single Sign-on anmelden',
    token:
      'Skripte und Werkzeuge: Verwenden Sie ein persönliches Zugriffstoken (Authorization: Bearer).',
  },
} as const;

export interface RefusalPageInput {
  acceptLanguage: string | undefined;
  product: string;
  loginUrl: string;
  /** The path the person asked for, to return to after signing in (only a local path is kept). */
  returnTo: string | undefined;
}

export function refusalPage(input: RefusalPageInput): { html: string; csp: string } {
  const lang = pageLang(input.acceptLanguage);
  const w = WORDS[lang];
  const login = new URL(input.loginUrl);
  const back = input.returnTo ?? '';
  if (back.startsWith('/') && !back.startsWith('//') && !back.includes('\\')) {
    login.searchParams.set('return_to', back);
  }
  const html = htmlDocument({
    lang,
    title: w.title(input.product),
    inlineStyles: [STYLE],
    body: `<main>
<h1>${esc(w.title(input.product))}</h1>
<p>${esc(w.lead(input.product))}</p>
<p><a href="${esc(login.toString())}">${esc(w.sso)}</a></p>
<p>${esc(w.token)}</p>
</main>`,
  });
  return { html, csp: CSP };
}
