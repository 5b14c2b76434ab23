/**
 * Our own origin, from configuration only (`IPSAFEZONE_PUBLIC_URL`), never from the request's
 * `Host` header, which the client writes: a forged Host must neither become "our origin" for the
 * cross-site check nor decide whether the session cookie is Secure. A loopback public origin also
 * stands for its other loopback spellings on the same port (`localhost`, `127.0.0.1`, `[::1]`):
 * only the machine itself reaches them, and the demo listens on both 127.0.0.1 and [::1].
 */

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether `origin` (scheme://host[:port], lower case) is ours. A loopback public URL on port 0
 * (`PORT=0`: the system picks the port at start-up) stands for every port of the loopback names.
 */
export function isOwnOrigin(publicUrl: string, origin: string): boolean {
  if (ownOrigins(publicUrl).includes(origin)) return true;
  const url = new URL(publicUrl);
  if (url.port !== '0' || !LOOPBACK_HOSTS.includes(url.hostname) || !URL.canParse(origin)) {
    return false;
  }
  const o = new URL(origin);
  return o.protocol === url.protocol && LOOPBACK_HOSTS.includes(o.hostname);
}

/** Whether a request's `Host` (host[:port], lower case) is ours (see `isOwnOrigin`). */
export function isOwnHost(publicUrl: string, host: string): boolean {
  return isOwnOrigin(publicUrl, `${new URL(publicUrl).protocol}//${host}`);
}

/** The origins that are "us": the public origin, plus its loopback aliases when it is loopback. */
export function ownOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  const port = url.port === '' ? '' : `:${url.port}`;
  return LOOPBACK_HOSTS.map((h) => `${url.protocol}//${h}${port}`);
}

/** Whether the public origin is plain http on a loopback host (the only case without Secure). */
export function isLocalPlainHttp(publicUrl: string): boolean {
  // Asked for every request that carries a cookie; the configuration does not change.
  let answer = localPlainHttp.get(publicUrl);
  if (answer === undefined) {
    answer = computeLocalPlainHttp(publicUrl);
    if (localPlainHttp.size > 16) localPlainHttp.clear();
    localPlainHttp.set(publicUrl, answer);
  }
  return answer;
}

const localPlainHttp = new Map<string, boolean>();

function computeLocalPlainHttp(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
}
