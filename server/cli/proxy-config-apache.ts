/**
 * The Apache httpd configuration `ipsafezone proxy-config apache` prints (docs/integration-atlassian.md,
 * part C): a `<VirtualHost>` in front of the product. Apache has no `auth_request`; it asks the
 * guard through its FastCGI authorizer module (mod_authnz_fcgi), which ipsafezone answers on
 * `IPSAFEZONE_FCGI_GUARD` (server/ops/fcgi-guard.ts) with the same decision as `GET /api/guard`.
 * Addresses inside the zones are let through by `Require ip` without asking (written from the
 * zones): inside everything passes anyway, and so the product's own password form stays the
 * break-glass door there when ipsafezone is down — while outside, an unreachable authorizer is a
 * refusal (500), never a pass.
 */
import { PRODUCT_NAMES, ownPaths, type ProxyConfigInput } from './proxy-config-input.js';

/** The token endpoint's exact path below any context path (the empty group feeds `$1`). */
const TOKEN_PATH_RE = '^(?:/[A-Za-z0-9._~-]+)*/rest/oauth2/latest/token()$';

export function apacheConfig(i: ProxyConfigInput, generatedBy: string): string {
  const name = PRODUCT_NAMES[i.product];
  const provider = `ipsafezone_guard_${i.product}`;
  const own = ownPaths(i.product);
  const ownRe = [
    ...own.exact.map((p) => `${escapeRe(p.slice(1))}$`),
    ...own.prefix.map((p) => escapeRe(p.slice(1))),
  ].join('|');
  const tls = i.tls
    ? `
    SSLEngine on
    SSLCertificateFile ${i.tls.cert}
    SSLCertificateKeyFile ${i.tls.key}`
    : '';
  const bind = i.proxyBind
    ? `
    # ipsafezone must see this proxy at ${i.proxyBind} (IPSAFEZONE_TRUSTED_PROXIES=${i.proxyBind}); Apache
    # has no proxy_bind: run ipsafezone on another host, or trust the address Apache connects from.`
    : '';
  const requireInside =
    i.insideBlocks.length > 0
      ? `            # Inside a safe zone (${i.zonesNote}): passes without asking.
            Require ip ${i.insideBlocks.join(' ')}
`
      : `            # No address is inside a safe zone (${i.zonesNote}).
`;
  // ProxyPass matches by prefix (/login would take /login.action too): exact paths by ProxyPassMatch.
  const ownProxies = [
    ...own.exact.map((p) => `    ProxyPassMatch "^${escapeRe(p)}$" "${i.backend}${p}"`),
    ...own.prefix.map((p) => `    ProxyPass ${p} ${i.backend}${p}`),
  ].join('\n');
  return `# ${name} behind ipsafezone's guard — written by \`${generatedBy}\`.
# Include it in Apache's configuration (it holds a <VirtualHost>), with these modules enabled:
#   a2enmod proxy proxy_http authnz_fcgi headers${i.tls ? ' ssl' : ''}
# and ipsafezone started with IPSAFEZONE_FCGI_GUARD=${i.fcgi} (the authorizer Apache asks), with
# Apache's address among IPSAFEZONE_TRUSTED_PROXIES. Write it again (and reload Apache) whenever the
# zones or the IPSafeZone setting change: the Require ip list below is taken from them.
#
# Outside the safe zones a password alone never reaches ${name}: every request is first put to
# ipsafezone's guard, which lets through only a session that is enough from there or a token
# request (Authorization: Bearer) with nothing password-shaped in it. When ipsafezone cannot
# answer, requests from outside get 500; inside passes on the Require ip list.
${
  i.product === 'bitbucket'
    ? `# Git over HTTPS from outside: a personal access token as Bearer, e.g.
#   git -c http.extraHeader="Authorization: Bearer <token>" clone https://${i.serverName}/scm/…
`
    : ''
}
AuthnzFcgiDefineProvider authn ${provider} fcgi://${i.fcgi}/

# Leave this out if ports.conf already listens there.
Listen ${i.listen}

<VirtualHost ${i.listen}>
    ServerName ${i.serverName}${tls}${bind}
    ProxyRequests Off
    ProxyPreserveHost On
    # Pass encoded slashes on as they came: the guard reads the same bytes ${name} will.
    AllowEncodedSlashes NoDecode
    # Names the product on the guard's page ("early": before the authorizer is asked).
    RequestHeader set X-Ipsafezone-Product ${i.product} early
    # A client's own forwarding headers are dropped: mod_proxy then sends the one address it saw
    # (replace, do not append — docs/operations.md), so ${name} and ipsafezone see one address.
    RequestHeader unset X-Forwarded-For early
    RequestHeader unset X-Forwarded-Host early
    RequestHeader unset X-Forwarded-Server early
    RequestHeader unset Forwarded early

    # ipsafezone's own paths: login page, widget, API, OpenID Connect provider.
${ownProxies}
    # The mobile apps' OAuth 2.0 token endpoint (a code in a form body, no Bearer header): to
    # ipsafezone's relay, which reads the body and passes only a code or refresh-token grant with
    # nothing password-shaped on to ${name} (IPSAFEZONE_GUARD_UPSTREAM=${i.upstream}).
    ProxyPassMatch "${TOKEN_PATH_RE}" "${i.backend}/api/guard/oauth2-token$1"
    # Everything else is ${name}.
    ProxyPass / ${i.upstream}/ nocanon
    ProxyPassReverse / ${i.upstream}/

    <Location />
        # The guard, as a FastCGI authorizer: the original request line, the client's address,
        # Authorization (only its scheme is looked at) and Cookie go to ipsafezone; 200 lets the
        # request through, a refusal's 403 page is sent to the client as it is.
        AuthType ipsafezone
        AuthName ipsafezone
        CGIPassAuth On
        AuthnzFcgiCheckAuthnProvider ${provider} Authoritative On RequireBasicAuth Off UserExpr "%{reqenv:IPSAFEZONE_GUARD}"
        <RequireAny>
${requireInside}            Require valid-user
        </RequireAny>
    </Location>
    <LocationMatch "^/(${ownRe})">
        AuthType None
        Require all granted
    </LocationMatch>
    <LocationMatch "${TOKEN_PATH_RE}">
        # Decided by the relay, which reads the body; it gets the request line as the client sent
        # it and relays only the exact path.
        AuthType None
        Require all granted
        RequestHeader unset X-Original-URI
        RequestHeader set X-Original-Request "expr=%{THE_REQUEST}"
        LimitRequestBody 65536
    </LocationMatch>
</VirtualHost>
`;
}

function escapeRe(path: string): string {
  return path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
