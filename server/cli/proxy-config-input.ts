/**
 * What `ipsafezone proxy-config` writes a reverse-proxy configuration from (issue 24): the product
 * in front of which the guard stands, where the proxy listens, where the product and ipsafezone are,
 * and the address blocks inside the safe zones (for the break-glass rule). Shared by the nginx and
 * Apache writers so that both say the same.
 */

export type Product = 'jira' | 'confluence' | 'bitbucket';

export const PRODUCT_NAMES: Record<Product, string> = {
  jira: 'Jira',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
};

export interface ProxyConfigInput {
  product: Product;
  serverName: string;
  /** `ADDR:PORT` the proxy listens on. */
  listen: string;
  /** The product's own address, `http://127.0.0.1:8090` (no path: the context path stays in the request). */
  upstream: string;
  /** ipsafezone's address, `http://127.0.0.1:8080`. */
  backend: string;
  /** The address the proxy reaches ipsafezone from (its only trusted proxy), if given. */
  proxyBind: string | null;
  tls: { cert: string; key: string } | null;
  /** The FastCGI authorizer's `host:port` (Apache only; `IPSAFEZONE_FCGI_GUARD`). */
  fcgi: string;
  /** CIDR blocks of the enabled zones while IPSafeZone is active (else none). */
  insideBlocks: string[];
  /** Why the list is what it is (a comment in the output). */
  zonesNote: string;
}

/**
 * ipsafezone's own paths (docs/integration-atlassian.md, B1), served by the backend without the
 * guard: its API (the guard itself included), login page, widget, page assets, profile and the
 * OpenID Connect provider. `/admin` is left out for Confluence, whose own administration lives
 * there; ipsafezone's admin page is then reached on the backend directly.
 */
export function ownPaths(product: Product): { exact: string[]; prefix: string[] } {
  return {
    exact: [
      '/login',
      '/profile',
      '/.well-known/openid-configuration',
      ...(product === 'confluence' ? [] : ['/admin']),
    ],
    prefix: ['/api/', '/widget/', '/assets/', '/oidc/'],
  };
}
