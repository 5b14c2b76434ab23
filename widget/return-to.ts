/**
 * Where the widget may send the browser after a login. Only a relative address or one on the
 * page's own origin is followed, so a crafted link cannot turn the login page into an open
 * redirect. The URL parser does the hard part: `//evil.example`, `/\evil.example` and
 * `https://evil.example` resolve to another origin; `javascript:` and `data:` have the origin
 * `null`. All of them are refused.
 */

/** Resolves `returnTo` against `base`; returns the absolute URL when it stays on `base`'s origin. */
export function safeReturnUrl(returnTo: string | null | undefined, base: string): string | null {
  try {
    const url = new URL(returnTo || '', base);
    return returnTo && url.origin === new URL(base).origin ? url.href : null;
  } catch {
    return null;
  }
}
