/**
 * The OAuth 2.0 token relay (issue 24, hard case (b); docs/integration-atlassian.md, part C4):
 * Atlassian's mobile apps exchange their code at `POST <context>/rest/oauth2/latest/token` with a
 * form-encoded body and no Bearer header (a PKCE public client). A proxy's `auth_request` cannot
 * read that body, and Seraph reads `os_username` / `os_password` from a form body on any path — so
 * letting the body through unread would be a password door. The generated proxy configuration
 * therefore sends that one path here (`POST /api/guard/oauth2-token`, the original request URI in
 * `X-Original-URI` — Apache: the whole request line in `X-Original-Request`), and this route reads
 * the body itself:
 *
 * - only the exact path (`…/rest/oauth2/latest/token`, as sent, no path parameters, encodings or
 *   dot segments) is relayed; anything else is refused like the guard refuses it;
 * - the body is bounded (`MAX_RELAY_BODY` bytes, else 413) and form-encoded only (else 415), UTF-8;
 * - the guard's rule (`decideGuard`) decides with the body read: from outside only a code or
 *   refresh-token grant with nothing password-shaped in the query or the body (no `os_*` / `j_*`
 *   after the same name decoding, no `username` / `password`, no `Authorization` but none) passes;
 *   inside a zone everything passes, as at the guard;
 * - a refusal is the guard's 403; a pass sends the exact body bytes and the content headers to the
 *   product (`IPSAFEZONE_GUARD_UPSTREAM`) and answers with its status, body and content type — no
 *   hop-by-hop headers, no cookies either way;
 * - the product unreachable: 502; not configured: 503 — JSON, never a 500.
 *
 * Decisions are counted and audited as the guard's (guard-routes.ts `recordGuardDecision`, the same
 * audit windows), with `relay: "oauth_relay"` in the audit row.
 */
import { limitRequestBody } from '../http/request-body.js';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { errorBody } from '../http/errors.js';
import { requestLog } from '../http/request-log.js';
import { decideGuard, shapeOf } from '../policy/index.js';
import { recordGuardDecision, refuse } from './guard-routes.js';

export const RELAY_PATH = '/api/guard/oauth2-token';

/** A token request is a few hundred bytes; anything near this is not one. */
export const MAX_RELAY_BODY = 16 * 1024;

/** The product's answer to a token request is small too. */
const MAX_ANSWER_BYTES = 256 * 1024;

const UPSTREAM_TIMEOUT_MS = 15_000;

/** The one path relayed, exactly as sent (any context path in front). */
const TOKEN_PATH = /^(\/[A-Za-z0-9._~-]+)*\/rest\/oauth2\/latest\/token$/;

/** Request headers the product needs for a token request; nothing else is passed on. */
const REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'user-agent'];

/** Answer headers passed back (RFC 6749 5.1: no-store; 5.2: WWW-Authenticate on a 401). */
const ANSWER_HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate'];

export function guardRelayRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const { db, clock, config, zoneDecision: zoneDecisionDeps, guardAudits: audits, metrics } = doors;
  const routes = new Hono<DoorEnv>();
  const relayBodyLimit = limitRequestBody(MAX_RELAY_BODY);

  routes.post('/guard/oauth2-token', async (c) => {
    c.header('Cache-Control', 'no-store');
    const uri = c.req.header('x-original-uri') ?? requestTarget(c.req.header('x-original-request'));
    if (uri === undefined || uri === '') {
      return c.json(
        errorBody(
          'missing_original_uri',
          'The proxy must send the original request URI (X-Original-URI).',
        ),
        400,
      );
    }
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const [mediaType, ...params] = type.split(';').map((p) => p.trim());
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '');
    if (
      mediaType !== 'application/x-www-form-urlencoded' ||
      (charset !== undefined && charset !== 'utf-8')
    ) {
      return c.json(
        errorBody(
          'unsupported_media_type',
          'Send the token request form-encoded (Content-Type: application/x-www-form-urlencoded).',
        ),
        415,
      );
    }
    // The app's one body limit, here after the 400 and 415 checks above: 413 above it.
    const bytes = await boundedBody(c, relayBodyLimit);
    if (bytes instanceof Response) return bytes;
    if (bytes === null) {
      return c.json(errorBody('bad_request', 'The request body could not be read.'), 400);
    }
    let formBody: string;
    try {
      formBody = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return c.json(errorBody('bad_form_body', 'The form body is not valid UTF-8.'), 400);
    }

    const s = await zoneDecisionOf(c, zoneDecisionDeps);
    const shape = shapeOf({
      method: 'POST',
      uri,
      authorization: c.req.header('authorization'),
      contentType: c.req.header('content-type'),
      formBody,
    });
    const rawPath = uri.split(/[?#]/)[0]!;
    const exact = shape.path === rawPath && TOKEN_PATH.test(rawPath) && !uri.includes('#');
    const verdict = exact
      ? decideGuard({
          passwordEnough: s.requirement === 'password',
          sessionEnough: false,
          tokensOutside: config.guardTokensOutside,
          shape,
        })
      : ({ pass: false, reason: 'unreadable_request' } as const);
    await recordGuardDecision(c, { db, clock, audits, metrics }, s, null, shape, verdict, {
      relay: 'oauth_relay',
      ...(exact ? {} : { relayed: false }),
    });
    if (!verdict.pass) return refuse(c, config.loginUrl);

    if (config.guardUpstream === '') {
      return c.json(
        errorBody(
          'relay_not_configured',
          'The token relay has no product address (IPSAFEZONE_GUARD_UPSTREAM).',
        ),
        503,
      );
    }
    return relay(c, `${config.guardUpstream}${uri}`, bytes, s.clientIp, config.publicUrl);
  });

  routes.all('/guard/oauth2-token', (c) =>
    c.json(errorBody('method_not_allowed', 'The token endpoint takes POST.'), 405, {
      Allow: 'POST',
    }),
  );

  return routes;
}

/**
 * The target of a request line as Apache hands it over (`THE_REQUEST`, `POST /x?y HTTP/1.1`: the
 * one place its configuration has the path as the client sent it).
 */
function requestTarget(line: string | undefined): string | undefined {
  return line === undefined ? undefined : /^[A-Z]+ (\S+) HTTP\/\d(?:\.\d)?$/.exec(line)?.[1];
}

/** The body through `limit`: its bytes, the limit's 413 answer, or null when the client went away. */
async function boundedBody(
  c: Context<DoorEnv, string>,
  limit: MiddlewareHandler<DoorEnv>,
): Promise<Uint8Array<ArrayBuffer> | Response | null> {
  let bytes = null as Uint8Array<ArrayBuffer> | null;
  const tooLarge = await limit(c, async () => {
    bytes = await c.req.arrayBuffer().then(
      (b) => new Uint8Array(b),
      () => null,
    );
  });
  return tooLarge ?? bytes;
}

/** Sends the token request to the product and answers with what it said. */
async function relay(
  c: Context<DoorEnv>,
  url: string,
  body: Uint8Array<ArrayBuffer>,
  clientIp: string | null,
  publicUrl: string,
): Promise<Response> {
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const v = c.req.header(name);
    if (v !== undefined) headers.set(name, v);
  }
  if (clientIp !== null) headers.set('x-forwarded-for', clientIp);
  headers.set('x-forwarded-proto', new URL(publicUrl).protocol.replace(':', ''));
  const host = c.req.header('host');
  if (host !== undefined) headers.set('x-forwarded-host', host);
  let answer: Response;
  let answerBody: ArrayBuffer;
  try {
    answer = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    const length = Number(answer.headers.get('content-length') ?? '0');
    if (length > MAX_ANSWER_BYTES) throw new Error(`answer of ${length} bytes`);
    answerBody = await answer.arrayBuffer();
    if (answerBody.byteLength > MAX_ANSWER_BYTES) throw new Error('answer too large');
  } catch (err) {
    requestLog(c).warn(
      { err: err instanceof Error ? err.message : String(err) },
      'oauth relay: the product did not answer',
    );
    return c.json(
      errorBody('upstream_unavailable', 'The application did not answer the token request.'),
      502,
    );
  }
  const out = new Headers();
  for (const name of ANSWER_HEADERS) {
    const v = answer.headers.get(name);
    if (v !== null) out.set(name, v);
  }
  if (!out.has('cache-control')) out.set('cache-control', 'no-store');
  return new Response(answerBody, { status: answer.status, headers: out });
}
