/**
 * How our own pages (login, and the sign-in shells of /admin and /profile) embed
 * `<ipsafezone-login>` so that the form appears without waiting for anything but the bundle: the
 * bundle and the stylesheets linked by content hash (cached for a year), the bundle preloaded as a
 * module, and the element given its first `/api/zone` answer in the HTML (`zone-hint`), computed
 * for this very request. The hint is only for rendering: every login step decides afresh.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import type { StandingDeps } from '../domain/standing.js';
import { standingOf } from '../http/standing-of.js';
import { versionedWidgetUrl } from '../http/widget-route.js';
import { countAnswer } from '../login/door-counts.js';
import { zoneInfoOf } from '../login/zone-answer.js';
import { versionedAssetUrl } from './assets-route.js';
import { esc } from './html.js';

export interface WidgetPageDeps {
  standing: StandingDeps;
  distDir: string;
}

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

/** `<ipsafezone-login>` returning to `returnTo`, with the zone answer for this request. */
export async function loginElement(
  c: Context<AppEnv>,
  deps: WidgetPageDeps,
  returnTo: string,
): Promise<string> {
  let hint = '';
  try {
    const info = zoneInfoOf(await standingOf(c, deps.standing));
    countAnswer('login.zone', info.inside ? 'inside' : 'outside');
    hint = ` zone-hint="${esc(JSON.stringify(info))}"`;
  } catch {
    // Settings unreadable: no hint; the widget asks /api/zone and shows that answer.
  }
  return `<ipsafezone-login return-to="${esc(returnTo)}"${hint}></ipsafezone-login>`;
}
