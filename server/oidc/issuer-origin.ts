/**
 * The provider builds every URL it names — discovery's `jwks_uri`, `token_endpoint` and the rest,
 * the logout form's action, the redirect back from the interaction — from the request's scheme and
 * host. Behind a TLS-terminating proxy it must read them from forwarding headers
 * (`provider.proxy = true`), but those headers are the client's to write: `X-Forwarded-Host:
 * evil.example` would put the attacker's host into discovery (and into any shared cache holding
 * it). So no client-sent `Forwarded`/`X-Forwarded-Host`/`X-Forwarded-Proto`/`X-Forwarded-Port`
 * reaches the provider; for an https issuer the scheme and host are set from the issuer itself.
 * (The client's address is not taken from here: ours is resolved before, from trusted proxies only.)
 */
import type { IncomingMessage } from 'node:http';

const FORWARDING = ['forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

/** Whether the provider must read scheme and host from (our) forwarding headers. */
export function behindTls(issuer: string): boolean {
  return issuer.startsWith('https:');
}

/** Replaces the request's forwarding headers with the issuer's scheme and host (see above). */
export function pinToIssuer(req: IncomingMessage, issuer: string): void {
  for (const name of FORWARDING) delete req.headers[name];
  if (!behindTls(issuer)) return;
  req.headers['x-forwarded-proto'] = 'https';
  req.headers['x-forwarded-host'] = new URL(issuer).host;
}
