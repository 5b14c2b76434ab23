/**
 * Our own origin, from configuration only (`IPSAFEZONE_PUBLIC_URL`), never from the request's
 * `Host` header, which the client writes: a forged Host must neither become "our origin" for the
 * cross-site check nor decide whether the session cookie is Secure. A loopback public origin also
 * stands for its other loopback spellings on the same port (`localhost`, `127.0.0.1`, `[::1]`):
 * only the machine itself reaches them, and the demo listens on both 127.0.0.1 and [::1].
 */

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The origins that are "us": the public origin, plus its loopback aliases when it is loopback. */
export function ownOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  const port = url.port === '' ? '' : `:${url.port}`;
  return LOOPBACK_HOSTS.map((h) => `${url.protocol}//${h}${port}`);
}

/** The `Host` values requests may carry (each own origin's host, port included when not default). */
export function ownHosts(publicUrl: string): Set<string> {
  return new Set(ownOrigins(publicUrl).map((o) => new URL(o).host));
}

/** Whether the public origin is plain http on a loopback host (the only case without Secure). */
export function isLocalPlainHttp(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
}
