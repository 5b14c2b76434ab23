/**
 * No open redirects: a return address is followed only when it is relative to our own site (a path,
 * not `//host` or `/\host`) or absolute on a host listed in `IPSAFEZONE_RETURN_HOSTS` (or the login
 * page's own host), over http(s). Everything else is dropped.
 */
import type { AppConfig } from '../config/settings.js';

export function safeReturnUrl(
  value: string,
  config: Pick<AppConfig, 'returnHosts' | 'loginUrl'>,
): string | null {
  if (value.length > 2048 || /[\u0000-\u001f\\]/.test(value)) return null;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  const host = url.host.toLowerCase();
  const allowed = new Set(config.returnHosts.map((h) => h.toLowerCase()));
  try {
    allowed.add(new URL(config.loginUrl).host.toLowerCase());
  } catch {
    // no login URL host to add
  }
  return allowed.has(host) ? url.toString() : null;
}
