/**
 * The nginx configuration `ipsafezone proxy-config nginx` prints (docs/integration-atlassian.md,
 * part C): to be included inside `http { }`. ipsafezone's own paths go to the backend; everything
 * else goes to the product only after `auth_request` to `GET /api/guard` said 200. A refusal (403)
 * is answered with the guard's page; when ipsafezone cannot answer (down, 5xx), the proxy fails
 * closed for outside and lets addresses inside the zones (a `geo` block written from them) reach the
 * product — whose own password form is the break-glass door there.
 */
import { PRODUCT_NAMES, ownPaths, type ProxyConfigInput } from './proxy-config-input.js';

/** Forwarding headers: repeated in every location (one with its own proxy_set_header inherits none). */
const FORWARDED = `proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;`;

export function nginxConfig(i: ProxyConfigInput, generatedBy: string): string {
  const name = PRODUCT_NAMES[i.product];
  const inside = `$ipsafezone_inside_${i.product}`;
  const own = ownPaths(i.product);
  const listen = `${i.listen}${i.tls ? ' ssl' : ''}`;
  const tls = i.tls
    ? `
    ssl_certificate ${i.tls.cert};
    ssl_certificate_key ${i.tls.key};`
    : '';
  const bind = i.proxyBind
    ? `
    # Reach ipsafezone from an address of our own: IPSAFEZONE_TRUSTED_PROXIES=${i.proxyBind} trusts only
    # this proxy's X-Forwarded-For, never a client on the same host.
    proxy_bind ${i.proxyBind};`
    : '';
  const blocks = i.insideBlocks.map((b) => `    ${b} 1;`).join('\n');
  const ownLocations = [
    ...own.exact.map((p) => `location = ${p}`),
    ...own.prefix.map((p) => `location ^~ ${p}`),
  ]
    .map(
      (l) => `    ${l} {
        ${FORWARDED}
        proxy_pass ${i.backend};
    }`,
    )
    .join('\n');
  return `# ${name} behind ipsafezone's guard — written by \`${generatedBy}\`.
# Include it inside http { } and reload nginx. Write it again (and reload) whenever the zones or
# the IPSafeZone setting change: the break-glass list below is taken from them.
#
# Outside the safe zones a password alone never reaches ${name}: every request is first put to
# ipsafezone (GET /api/guard), which lets through only a session that is enough from there or a
# token request (Authorization: Bearer) with nothing password-shaped in it.
${
  i.product === 'bitbucket'
    ? `# Git over HTTPS from outside: a personal access token as Bearer, e.g.
#   git -c http.extraHeader="Authorization: Bearer <token>" clone https://${i.serverName}/scm/…
`
    : ''
}
# Inside a safe zone (${i.zonesNote}). Used only when ipsafezone cannot answer: then these addresses
# still reach ${name} (its own password form is the break-glass door), everyone else gets 503.
geo ${inside} {
    default 0;
${blocks}
}

server {
    listen ${listen};
    server_name ${i.serverName};${tls}${bind}
    # nginx's access log keeps the query string, and with it any os_password a client sent.

    # The guard: asked before every request to ${name}, with the original request line, content
    # type and the client's own Authorization and Cookie headers (only the scheme is looked at).
    location = /_ipsafezone_guard {
        internal;
        proxy_pass ${i.backend}/api/guard;
        proxy_method GET;
        proxy_pass_request_body off;
        proxy_set_header Content-Length "";
        ${FORWARDED}
        proxy_set_header X-Original-Method $request_method;
        proxy_set_header X-Original-URI $request_uri;
        proxy_set_header X-Original-Content-Type $content_type;
        proxy_set_header X-Ipsafezone-Product ${i.product};
    }

    # Refused (403): the guard's short page (English or German) or JSON, by the client's Accept.
    location @ipsafezone_refused {
        rewrite ^ /api/guard/refused break;
        proxy_method GET;
        proxy_pass_request_body off;
        proxy_set_header Content-Length "";
        ${FORWARDED}
        proxy_set_header X-Original-URI $request_uri;
        proxy_set_header X-Ipsafezone-Product ${i.product};
        proxy_pass ${i.backend};
    }

    # ipsafezone cannot answer (down, or its database is): closed from outside; inside the zones
    # straight to ${name} (break-glass).
    location @ipsafezone_down {
        if (${inside} = 0) {
            return 503;
        }
        ${FORWARDED}
        proxy_pass ${i.upstream};
    }

    # ipsafezone's own paths: login page, widget, API, OpenID Connect provider.
${ownLocations}

    # The mobile apps' OAuth 2.0 token endpoint (a code in a form body, no Bearer header): to
    # ipsafezone's relay, which reads the body and passes only a code or refresh-token grant with
    # nothing password-shaped on to ${name} (IPSAFEZONE_GUARD_UPSTREAM=${i.upstream}). Only the exact
    # path as sent is relayed; the relay refuses any other spelling that lands here.
    location ~ ^(/[A-Za-z0-9._~-]+)*/rest/oauth2/latest/token$ {
        # Held in memory; the relay answers 413 (JSON) above 16 KiB, nginx above 64 KiB.
        client_body_buffer_size 64k;
        client_max_body_size 64k;
        rewrite ^ /api/guard/oauth2-token break;
        ${FORWARDED}
        proxy_set_header X-Original-URI $request_uri;
        proxy_set_header X-Ipsafezone-Product ${i.product};
        proxy_pass ${i.backend};
    }

    # Everything else is ${name}, behind the guard.
    location / {
        auth_request /_ipsafezone_guard;
        error_page 403 = @ipsafezone_refused;
        error_page 500 502 503 504 = @ipsafezone_down;
        ${FORWARDED}
        proxy_pass ${i.upstream};
    }
}
`;
}
