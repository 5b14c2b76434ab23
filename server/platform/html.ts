/**
 * Tiny helpers for our server-rendered HTML shells (login, admin, profile, demo pages): escaping,
 * the page language from Accept-Language, and one document frame. Pages carry no inline script or
 * style except blocks whose hashes the page adds to its Content-Security-Policy (the login page).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export type PageLang = 'en' | 'de';

/** German when the browser prefers it over English, else English. */
export function pageLang(acceptLanguage: string | undefined): PageLang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export interface DocumentParts {
  lang: PageLang;
  title: string;
  /** Stylesheets and module scripts, by URL. */
  styles?: string[];
  scripts?: string[];
  /** Module scripts to fetch at once (`<link rel="modulepreload">`), before the stylesheets. */
  preloads?: string[];
  /**
   * Stylesheet and module-script text carried in the page, each allowed by its hash in the
   * answer's CSP (server/pages/widget-embed.ts); already safe to stand inside its element.
   */
  inlineStyles?: string[];
  inlineScripts?: string[];
  body: string;
  /** Shown on every page while the embedded SecSign ID simulator is on. */
  simulatorBanner?: boolean;
}

export function htmlDocument(p: DocumentParts): string {
  const banner = p.simulatorBanner
    ? `<div class="ipsz-sim-banner" role="alert">${
        p.lang === 'de'
          ? 'Demo-Modus: Der eingebaute SecSign-ID-Simulator ist aktiv. Wer die Simulator-Seite erreicht, kann Anmeldungen bestätigen.'
          : 'Demo mode: the built-in SecSign ID simulator is on. Anyone who reaches the simulator page can approve sign-ins.'
      } <a href="/secsign-sim/phone">${p.lang === 'de' ? 'Simuliertes Telefon öffnen' : 'Open the simulated phone'}</a></div>`
    : '';
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
${(p.preloads ?? []).map((s) => `<link rel="modulepreload" href="${esc(s)}">`).join('\n')}
${(p.styles ?? []).map((s) => `<link rel="stylesheet" href="${esc(s)}">`).join('\n')}
${(p.scripts ?? []).map((s) => `<script type="module" src="${esc(s)}"></script>`).join('\n')}
${(p.inlineStyles ?? []).map((s) => `<style>${s}</style>`).join('\n')}
</head>
<body>
${banner}
${p.body}
${(p.inlineScripts ?? []).map((s) => `<script type="module">${s}</script>`).join('\n')}
</body>
</html>
`;
}
