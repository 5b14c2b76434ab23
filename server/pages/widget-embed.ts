/**
 * How our own pages (login, and the sign-in shells of /admin and /profile) embed
 * `<ipsafezone-login>` so that the form appears without waiting for anything but the bundle: the
 * bundle and the stylesheets linked by content hash (cached for a year), the bundle preloaded as a
 * module, and the element given its first `/api/zone` answer in the HTML (`zone-hint`), computed
 * for this very request. The hint is only for rendering: every login step decides afresh.
 *
 * The login page goes further: its stylesheet (and, when it sends no form of its own, its script)
 * travel inside the HTML, allowed by their SHA-256 in that answer's Content-Security-Policy, and
 * the HTML is compressed, so the form needs one round trip like a plain HTML form. Its script is
 * the page's own one-module build (`assets/login-page.js`, login-page/entry.ts); only a bundle
 * that imports nothing relative is inlined, otherwise the page links it.
 */
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { STRICT_CSP } from '../http/security-headers.js';
import { chooseEncoding, loadStaticFile, type StaticFile } from '../http/static-files.js';
import type { DoorEnv } from '../http/context.js';
import type { DoorDeps } from '../http/door-deps.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { versionedWidgetUrl } from '../http/widget-route.js';
import { countZoneAnswer, zoneInfoOf } from '../login/zone-answer.js';
import type { ZoneInfo } from '../login/api-types.js';
import { versionedAssetUrl } from './assets-route.js';
import { esc } from '../platform/html.js';

/** What a page with the widget takes of the app's `DoorDeps`. */
export type WidgetPageDeps = Pick<DoorDeps, 'config' | 'zoneDecision' | 'distDir' | 'metrics'>;

/** The head of a page with the widget: stylesheets, the module script and its preload. */
export async function widgetHead(
  deps: WidgetPageDeps,
  styles: string[],
): Promise<{ styles: string[]; scripts: string[]; preloads: string[] }> {
  const widget = await versionedWidgetUrl(deps.distDir);
  return {
    styles: await Promise.all(styles.map((s) => versionedAssetUrl(deps.distDir, s))),
    scripts: [widget],
    preloads: [widget],
  };
}

/** The zone answer for this request (counted as one), or null when the settings are unreadable. */
export async function requestZone(
  c: Context<DoorEnv>,
  deps: WidgetPageDeps,
): Promise<ZoneInfo | null> {
  try {
    const zoneDecision = await zoneDecisionOf(c, deps.zoneDecision);
    countZoneAnswer(deps.metrics, zoneDecision);
    return zoneInfoOf(zoneDecision);
  } catch {
    // Settings unreadable: no hint; the widget asks /api/zone and shows that answer.
    return null;
  }
}

/** `<ipsafezone-login>` returning to `returnTo`, with the zone answer for this request. */
export async function loginElement(
  c: Context<DoorEnv>,
  deps: WidgetPageDeps,
  returnTo: string,
  /**
   * More attributes (escaped by the caller), the content shown until it starts, and the zone
   * answer when the caller already asked (`requestZone`).
   */
  extra: { attributes?: string; fallback?: string; zone?: ZoneInfo | null } = {},
): Promise<string> {
  const zone = extra.zone !== undefined ? extra.zone : await requestZone(c, deps);
  const hint = zone ? ` zone-hint="${esc(JSON.stringify(zone))}"` : '';
  return `<ipsafezone-login return-to="${esc(returnTo)}"${hint}${extra.attributes ?? ''}>${extra.fallback ?? ''}</ipsafezone-login>`;
}

/** Text that can stand inside `<script>` or `<style>` with its hash for the CSP. */
export interface InlineBlock {
  text: string;
  /** `'sha256-…'` for a CSP source list. */
  source: string;
}

/** `text` with its hash; the caller makes sure it can stand inside its element. */
export function inlineBlock(text: string): InlineBlock {
  return { text, source: `'sha256-${createHash('sha256').update(text).digest('base64')}'` };
}

/** The script the login page carries. */
export interface PageScript extends InlineBlock {
  /** The page's own build: it takes over a first form rendered on the server (first-form.ts). */
  takesOver: boolean;
}

const inlined = new WeakMap<StaticFile, PageScript | null>();

/** The login page's own script in dist/ (vite.config.ts), served at `/assets/login-page.js`. */
export const PAGE_SCRIPT = 'login-page.js';

/**
 * The login page's script ready to inline, or null when it is not built or not self-contained:
 * the page's one-module build (`assets/login-page.js`: the widget, its lazily loaded parts
 * inlined, and the take-over of the server's form) when it exists, else the widget itself.
 */
export async function inlinePageScript(distDir: string): Promise<PageScript | null> {
  const page = await loadStaticFile(join(distDir, 'assets', PAGE_SCRIPT));
  const file = page ?? (await loadStaticFile(join(distDir, 'ipsafezone-login.js')));
  if (!file) return null;
  let found = inlined.get(file);
  if (found === undefined) {
    const code = Buffer.from(file.forms.identity).toString('utf8');
    // Relative imports would resolve against the page's address, not /widget/.
    const selfContained = !/\bimport\s*\(|\bfrom\s*["']\.{1,2}\/|\bimport\s*["']\.{1,2}\//.test(
      code,
    );
    // In script data `</script` and `<!--` mean something to the HTML parser. `<\/` says the
    // same as `</` in JS strings, templates and regular expressions; `<!--` is left to linking.
    found =
      selfContained && !code.includes('<!--')
        ? { ...inlineBlock(code.replace(/<\/script/gi, '<\\/script')), takesOver: !!page }
        : null;
    inlined.set(file, found);
  }
  return found;
}

const OWN_ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
let css: { raw: string; block: InlineBlock } | null = null;

/** A stylesheet of server/pages/assets ready to inline (`</style` cannot occur in our CSS). */
export async function inlineCss(name: string): Promise<InlineBlock> {
  const raw = await readFile(join(OWN_ASSETS, name), 'utf8');
  if (css?.raw !== raw) css = { raw, block: inlineBlock(raw.replace(/<\/style/gi, '<\\/style')) };
  return css.block;
}

/** The strict CSP with the inline blocks' hashes added to `script-src` and `style-src`. */
export function cspWith(scripts: InlineBlock[], styles: InlineBlock[]): string {
  return STRICT_CSP.replace(
    "script-src 'self'",
    ["script-src 'self'", ...scripts.map((b) => b.source)].join(' '),
  ).replace("style-src 'self'", ["style-src 'self'", ...styles.map((b) => b.source)].join(' '));
}

/** An HTML answer compressed by `Accept-Encoding` (brotli at a quality fast enough per request). */
export function compressedHtml(
  c: Context<DoorEnv>,
  html: string,
  headers: Record<string, string>,
): Response {
  const raw = Buffer.from(html, 'utf8');
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  const all: Record<string, string> = {
    ...headers,
    'Content-Type': 'text/html; charset=UTF-8',
    Vary: 'Accept-Encoding',
  };
  if (encoding === 'identity') return c.body(raw, 200, all);
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(raw, { level: 6 });
  return c.body(new Uint8Array(body), 200, { ...all, 'Content-Encoding': encoding });
}
