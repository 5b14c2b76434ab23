/**
 * Mounts the OpenID Connect provider in the Hono app: discovery and the `/oidc/*` endpoints are
 * handed, as raw Node request and response (`@hono/node-server` bindings), to the provider, so the
 * app built by `createApp` — and every test that starts it — serves OIDC. The interaction route
 * is ours: it checks the ipsafezone session against the policy *for the address of this request*
 * and either hands the login back to the provider or sends the browser to our login page with the
 * `<ipsafezone-login>` widget. Every authorization, token refusal and logout is audited; refusals,
 * which anyone can repeat, once per address, name and reason in a window, with their count.
 */
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { errorBody } from '../http/errors.js';
import { requestLog } from '../http/request-log.js';
import { appLogger, type Logger } from '../platform/logger.js';
import { STRICT_CSP } from '../http/security-headers.js';
import { amrOf, formatFactors, isMultiFactor } from '../factors/proof.js';
import { findUserById } from '../store/users.js';
import { str } from '../store/rows.js';
import { expiredSessionCookie, readSessionCookie, sessionTokenIn } from '../login/cookies.js';
import { revokeSession } from '../store/sessions.js';
import { isEnrolmentLimited } from '../domain/enrolment-campaign.js';
import { factorsSatisfy, type ZoneDecision } from '../domain/zone-decision.js';
import { auditDecision } from '../domain/audit-decision.js';
import { aggregatedAuditFor } from '../domain/aggregated-audit.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { pageLang } from '../platform/html.js';
import { subjectFor } from './accounts.js';
import { errorPage, tooManyPage } from './pages.js';
import { createAnonymousCap, providerSessionId } from './anonymous-cap.js';
import { ACR_PASSWORD, ACR_SECOND_FACTOR, INTERACTION_PATH, OIDC_PREFIX } from './provider.js';
import { createOidcService } from './service.js';
import { pinToIssuer } from './issuer-origin.js';
import { storedKey } from './adapter.js';

const PROVIDER_HEADERS = {
  'Content-Security-Policy': STRICT_CSP.replace("form-action 'self'; ", ''),
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

const DISCOVERY_PATH = '/.well-known/openid-configuration';
/**
 * Discovery is the same for every client (its URLs name the issuer only): relying parties and
 * shared caches may keep it for five minutes.
 */
const DISCOVERY_CACHE = 'public, max-age=300';

export function oidcRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const { db, clock, config, sessions, zoneDecision: zoneDecisionDeps } = doors;
  const service = createOidcService({ db, clock, config });
  const zoneDecisions = new WeakMap<IncomingMessage, ZoneDecision>();
  /** The logger (with the request id) of each request handed to the provider. */
  const logs = new WeakMap<IncomingMessage, Logger>();
  const handlers = new WeakMap<Provider, (req: IncomingMessage, res: never) => Promise<void>>();
  /** Requests in which the provider confirmed a logout, and whether the user chose "Yes". */
  const logouts = new WeakMap<IncomingMessage, { everywhere: boolean; client: string | null }>();
  const routes = new Hono<DoorEnv>();

  /** Where the request stands, and its logger. */
  type RequestOf = { zoneDecision: ZoneDecision | undefined; log: Logger };
  const audit = ({ zoneDecision, log }: RequestOf, entry: Parameters<typeof auditDecision>[3]) => {
    if (!zoneDecision) return Promise.resolve();
    return auditDecision(db, clock, zoneDecision, entry).catch((err: unknown) => {
      log.error({ err }, 'Audit entry could not be written');
    });
  };
  /**
   * Audits a refusal anyone can repeat (an unknown client, a bad redirect_uri, a wrong client
   * secret, a browser without a session): once per address, name, outcome and `reason` in a
   * window, with the count (server/domain/aggregated-audit.ts).
   */
  const refusals = aggregatedAuditFor(db, clock);
  const anonymousCap = createAnonymousCap(clock, config);
  const refuse = (
    { zoneDecision, log }: RequestOf,
    entry: Parameters<typeof auditDecision>[3],
    reason: string,
  ) => {
    if (!zoneDecision) return Promise.resolve();
    return refusals.record(zoneDecision, entry, { log, reason }).catch((err: unknown) => {
      log.error({ err }, 'Audit entry could not be written');
    });
  };

  /** Audits what the provider decides on its own (refusals, token issue, logout). */
  const listen = (provider: Provider) => {
    const where = (ctx: { req: IncomingMessage }): RequestOf => ({
      zoneDecision: zoneDecisions.get(ctx.req),
      log: logs.get(ctx.req) ?? appLogger(),
    });
    const clientOf = (ctx: KoaContextWithOIDC) =>
      ctx.oidc?.client?.clientId ?? (ctx.oidc?.params?.client_id as string | undefined) ?? null;
    /** An authorization or token request the provider refused: anyone can repeat it. */
    const refused =
      (action: string) =>
      (ctx: KoaContextWithOIDC, err: { error: string; error_description?: string }) => {
        const client = clientOf(ctx);
        void refuse(
          where(ctx),
          {
            action,
            actor: null,
            outcome: 'refused',
            details: { client, error: err.error, description: err.error_description },
          },
          `${err.error}|${client}`,
        );
      };
    provider.on('authorization.error', refused('oidc.authorize'));
    provider.on('grant.error', refused('oidc.token'));
    provider.on('grant.success', (ctx) => {
      void audit(where(ctx), {
        action: 'oidc.token',
        actor: null,
        outcome: 'issued',
        details: { client: clientOf(ctx), sub: ctx.oidc.entities.Grant?.accountId ?? null },
      });
    });
    // RP-initiated logout: the provider tells which requests confirmed one; once it has handled
    // such a request, and before its answer leaves, our own session ends too.
    provider.on('end_session.success', (ctx) => {
      logouts.set(ctx.req, { everywhere: Boolean(ctx.oidc.params?.logout), client: clientOf(ctx) });
    });
    provider.use(async (ctx, next) => {
      await next();
      const logout = logouts.get(ctx.req);
      if (logout) await endOwnSession(ctx, logout, where(ctx));
      // No route of the provider's took the request (an endpoint it leaves off, a typo, a wrong
      // method): 404 in the OAuth 2.0 error shape its other errors have, not Koa's bare text.
      if (ctx.status === 404 && ctx.body == null) {
        ctx.body = { error: 'not_found', error_description: 'There is nothing at this address.' };
        ctx.status = 404;
      }
    });
    provider.on('server_error', (ctx, err) => {
      where(ctx).log.error({ err }, 'OpenID Connect provider error');
    });
  };

  /**
   * "Yes, sign me out": the ipsafezone session of the request's cookie (by its configured name —
   * `__Host-ipsafezone_session` wherever it is Secure) is revoked and the cookie cleared. "No, stay
   * signed in" ends only the application's grant. Audited as what happened: `signed_out` only when a
   * session was revoked, `no_session` when there was none, `stayed_signed_in` for "No".
   */
  const endOwnSession = async (
    ctx: Pick<KoaContextWithOIDC, 'get' | 'append'>,
    { everywhere, client }: { everywhere: boolean; client: string | null },
    request: RequestOf,
  ) => {
    let outcome = 'stayed_signed_in';
    let username: string | null = null;
    if (everywhere) {
      const token = sessionTokenIn(ctx.get('cookie') || undefined, config);
      const session = await sessions.find(token);
      if (session) {
        await revokeSession(db, clock, session.idHash);
        username = (await findUserById(db, session.userId))?.username ?? null;
      }
      ctx.append('Set-Cookie', expiredSessionCookie(config));
      outcome = session ? 'signed_out' : 'no_session';
    }
    await audit(request, {
      action: 'oidc.logout',
      actor: username,
      username,
      outcome,
      details: { client },
    });
  };

  const providerFor = async (c: Context<DoorEnv>) => {
    const { incoming, outgoing } = c.env;
    if (!incoming || !outgoing)
      throw new Error('OpenID Connect needs the Node HTTP server (@hono/node-server).');
    const provider = await service.provider();
    if (!handlers.has(provider)) {
      listen(provider);
      handlers.set(provider, provider.callback() as never);
    }
    return { provider, incoming, outgoing, handler: handlers.get(provider)! };
  };

  const disabled = (c: Context<DoorEnv>) =>
    c.json(errorBody('oidc_disabled', service.disabledReason ?? 'OpenID Connect is off.'), 503);

  routes.get(`${INTERACTION_PATH}/:uid`, async (c) => {
    if (service.disabledReason) return disabled(c);
    const lang = pageLang(c.req.header('accept-language'));
    const { provider, incoming, outgoing } = await providerFor(c);
    let details;
    try {
      details = await provider.interactionDetails(incoming, outgoing as never);
    } catch {
      details = null;
    }
    if (!details || details.uid !== c.req.param('uid')) {
      const text =
        lang === 'de'
          ? 'Diese Anmeldeanfrage ist abgelaufen oder wurde in einem anderen Browser begonnen. Gehen Sie zurück zur Anwendung und melden Sie sich erneut an.'
          : 'This sign-in request has expired or was started in another browser. Go back to the application and sign in again.';
      return c.html(errorPage(lang, 'invalid_request', text), 400);
    }
    const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
    const client = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    const session = await sessions.find(readSessionCookie(c, config));
    const user = session ? await findUserById(db, session.userId) : null;
    const earliest = await earliestAcceptableSignIn(details.uid, details.params, details.exp);
    let missing: string | null = null;
    if (!session || !user || user.disabled) missing = 'not signed in';
    else if (!factorsSatisfy(zoneDecision, session.factors))
      missing = `the sign-in (${formatFactors(session.factors)}) is not enough from this address (${zoneDecision.requirement} needed)`;
    else if (isEnrolmentLimited(session, clock.now()))
      missing = 'the user must set up a second factor first (enrolment campaign)';
    else if (session.createdAt < earliest) missing = 'the application asked for a fresh sign-in';
    if (missing || !session || !user) {
      const factors = session ? formatFactors(session.factors) : null;
      await refuse(
        { zoneDecision, log: requestLog(c) },
        {
          action: 'oidc.authorize',
          actor: user?.username ?? null,
          username: user?.username ?? null,
          outcome: 'sign_in_needed',
          details: { client, why: missing, factors },
        },
        `${client}|${missing}|${factors}`,
      );
      const back = `${INTERACTION_PATH}/${details.uid}`;
      const hint = details.params.login_hint;
      const hintParam =
        typeof hint === 'string' && hint !== '' ? `&login_hint=${encodeURIComponent(hint)}` : '';
      return c.redirect(`/login?return_to=${encodeURIComponent(back)}${hintParam}`, 303);
    }
    const factors = session.factors;
    const accountId = await subjectFor(db, clock, user.id);
    await endPreviousUsersSession(provider, details, accountId);
    const returnTo = await provider.interactionResult(
      incoming,
      outgoing as never,
      {
        login: {
          accountId,
          amr: amrOf(factors),
          acr: isMultiFactor(factors) ? ACR_SECOND_FACTOR : ACR_PASSWORD,
          ts: Math.floor(session.createdAt / 1000),
          remember: false,
        },
        // No consent screen (the relying parties are the organisation's own): the sign-in is the
        // consent, also for `prompt=consent`, which would otherwise send the browser round again.
        consent: {},
      },
      { mergeWithLastSubmission: false },
    );
    await audit(
      { zoneDecision, log: requestLog(c) },
      {
        action: 'oidc.authorize',
        actor: user.username,
        username: user.username,
        outcome: 'granted',
        details: { client, factors: formatFactors(factors), amr: amrOf(factors) },
      },
    );
    return c.redirect(returnTo, 303);
  });

  /**
   * The provider's own session in this browser may still be another user's: on a shared computer
   * the previous user signed out of ipsafezone, not of the provider. The library would answer the
   * switch by having the browser post its logout confirmation ("yes, sign out") — which ends the
   * ipsafezone session of the request, the new user's — and then no longer find the interaction.
   * So the previous user's provider session ends here, and the sign-in goes on for the new user.
   */
  async function endPreviousUsersSession(
    provider: Provider,
    interaction: Awaited<ReturnType<Provider['interactionDetails']>>,
    accountId: string,
  ): Promise<void> {
    const previous = interaction.session;
    if (!previous || previous.accountId === accountId) return;
    const stale = previous.cookie ? await provider.Session.find(previous.cookie) : undefined;
    await stale?.destroy();
    interaction.session = undefined;
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  }

  /**
   * The earliest session start that counts for this authorization: with `prompt=login` a sign-in
   * made after the request first reached us, with `max_age` one within that many seconds.
   */
  async function earliestAcceptableSignIn(
    uid: string,
    params: Record<string, unknown>,
    expSeconds: number,
  ): Promise<number> {
    const now = clock.now();
    await db.execute({
      sql: `INSERT INTO oidc_store (model, id, payload, expires_at) VALUES ('InteractionSeen', ?, ?, ?)
            ON CONFLICT (model, id) DO NOTHING`,
      args: [
        storedKey(uid),
        JSON.stringify({ at: now }),
        Math.max(expSeconds * 1000, now + 60_000),
      ],
    });
    const rs = await db.execute({
      sql: "SELECT payload FROM oidc_store WHERE model = 'InteractionSeen' AND id = ?",
      args: [storedKey(uid)],
    });
    const firstSeen = Number((JSON.parse(str(rs.rows[0]!, 'payload')) as { at: number }).at);
    let earliest = 0;
    const prompt = typeof params.prompt === 'string' ? params.prompt : '';
    if (prompt.split(' ').includes('login')) earliest = firstSeen;
    const maxAge = Number(params.max_age);
    if (params.max_age !== undefined && Number.isFinite(maxAge))
      earliest = Math.max(earliest, now - maxAge * 1000);
    return earliest;
  }

  const handOff = async (c: Context<DoorEnv>) => {
    // Hono answers HEAD by running the GET route and wrapping its answer in a new one, which the
    // Node adapter then writes — after the provider has answered on the raw response: an error
    // and a broken kept-alive connection. The provider's endpoints are GET and POST only.
    if (c.req.method === 'HEAD') return c.body(null, 405, { Allow: 'GET, POST' });
    if (service.disabledReason) return disabled(c);
    const { provider, incoming, outgoing, handler } = await providerFor(c);
    const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
    zoneDecisions.set(incoming, zoneDecision);
    logs.set(incoming, requestLog(c));
    let counted: string | null = null;
    if (!zoneDecision.inside && anonymousCap.applies(c.req.path, c.req.method)) {
      const sessionId = providerSessionId(incoming);
      const session = sessionId ? await provider.Session.find(sessionId) : undefined;
      if (!session?.accountId) {
        const taken = anonymousCap.take(zoneDecision.clientIp);
        if ('retryAfterSeconds' in taken) return tooMany(c, zoneDecision, taken.retryAfterSeconds);
        counted = taken.key;
      }
    }
    // A body without Content-Length (chunked) has been taken over by the app's body limit: read it
    // through that limit and hand it on as `req.body`, which the provider falls back to.
    if (c.req.header('content-length') === undefined && c.req.raw.body !== null) {
      (incoming as IncomingMessage & { body?: Buffer }).body = Buffer.from(
        await c.req.raw.arrayBuffer(),
      );
    }
    // The provider answers on the raw response, past our security-headers middleware: the same
    // headers here. The CSP has no form-action: the logout form ends in a redirect to the client.
    for (const [name, value] of Object.entries(PROVIDER_HEADERS)) outgoing.setHeader(name, value);
    if (c.req.path === DISCOVERY_PATH) outgoing.setHeader('Cache-Control', DISCOVERY_CACHE);
    pinToIssuer(incoming, service.issuer);
    try {
      await handler(incoming, outgoing as never);
    } finally {
      if (counted) anonymousCap.settle(counted, outgoing as never);
    }
    return RESPONSE_ALREADY_SENT;
  };

  /**
   * Beyond the cap on anonymous requests that store a record (anonymous-cap.ts): 429 with a page
   * in plain words — browsers navigate here — counted in the metrics and audited aggregated.
   */
  const tooMany = async (c: Context<DoorEnv>, zoneDecision: ZoneDecision, seconds: number) => {
    const logout = c.req.path.endsWith('/session/end');
    const client = c.req.query('client_id')?.slice(0, 200) ?? null;
    await refuse(
      { zoneDecision, log: requestLog(c) },
      {
        action: logout ? 'oidc.logout' : 'oidc.authorize',
        actor: null,
        outcome: 'too_many_requests',
        details: { client, why: 'too many anonymous requests from this network' },
      },
      'too_many_anonymous',
    );
    const lang = pageLang(c.req.header('accept-language'));
    return c.html(tooManyPage(lang, seconds), 429, { 'Retry-After': String(seconds) });
  };
  routes.all(DISCOVERY_PATH, handOff);
  routes.all(OIDC_PREFIX, handOff);
  routes.all(`${OIDC_PREFIX}/*`, handOff);
  return routes;
}
