/**
 * `/rest/v2/…` of the embedded ID server: SecSign ID's REST API v2 as SecSign's own connectors use
 * it (SecSign-ID-Keycloak-Plugin `SecSignRESTConnector.java` and its `*Response` classes,
 * SecSign-ID-Typo3-Plugin `SecSignIDApi.php`; docs/secsign-rest.md), written from what those
 * connectors send and read — not from our client:
 * - every call needs HTTP Basic of the PIN account the simulator was given; anything else is 401;
 * - `GET /rest/v2/PluginRegistration/ServerInfo` → `{"majorVersion","minorVersion","patchVersion"}`
 *   (the version given, default 10.7.5, the first that has it);
 * - `GET /rest/v2/AuthSession?secsignid=&servicename=&serviceaddress=&showaccesspassicons=` →
 *   `{"authsessionid","authsessionicondata","secsignid"}` with the id as a bare JSON number (a Java
 *   `long`, read with `optLong`); 409 when the ID is frozen (the connector's FROZEN answer);
 *   `transactiontitle` with `transactiondescr` switches the access pass off, as the connector's
 *   Javadoc says;
 * - `GET /rest/v2/AuthSession/{id}` → `{"authsessionstate"}`; `DELETE` cancels (200);
 * - `GET /rest/v2/SecSignId/{id}?exist` → `{"exist": true|false}`.
 * What the connectors do not show, the simulator chooses and says so: an unknown SecSign ID on
 * AuthSession is 404 with `{"error","errormsg","errorcode":20000}` (the Typo3 connector reads
 * `error`/`errormsg` from such answers; 20000 is the httpapi's code), an unknown session is state 8
 * (INVALID) as in the httpapi simulator, a missing parameter is 400.
 */
import { Hono, type Context } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { cutText, normalizeSecSignId } from '../../server/secsign/wire.js';
import { isJavaLong } from '../../server/secsign/rest-wire.js';
import type { IdServerState } from './id-server-state.js';
import { symbolBase64, symbolByName } from './symbols.js';

/** The REST side's set-up: the PIN account it accepts and the version ServerInfo reports. */
export interface RestSimOptions {
  account: string;
  password: string;
  /** Default [10, 7, 5]. */
  version?: readonly [number, number, number];
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** JSON answer with the body written by hand, so that a 64-bit id stays a bare number. */
function rawJson(c: Context, body: string, status: 200 | 400 | 401 | 404 | 409 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.body(body, status, { 'Content-Type': 'application/json' });
}

/** The REST v2 endpoints, to be mounted at the simulator's root. */
export function restRoutes(state: IdServerState, options: RestSimOptions): Hono {
  const app = new Hono();
  const expected = `${options.account}:${options.password}`;
  const [major, minor, patch] = options.version ?? [10, 7, 5];

  app.use('/rest/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString('utf8')
      : '';
    if (!sameText(given, expected)) {
      c.header('WWW-Authenticate', 'Basic realm="SecSign ID"');
      c.header('Cache-Control', 'no-store');
      return c.body('{"error":401,"errormsg":"Unauthorized."}', 401, {
        'Content-Type': 'application/json',
      });
    }
    await next();
  });

  app.get('/rest/v2/PluginRegistration/ServerInfo', (c) =>
    rawJson(c, JSON.stringify({ majorVersion: major, minorVersion: minor, patchVersion: patch })),
  );

  app.get('/rest/v2/AuthSession', (c) => {
    const q = (name: string) => c.req.query(name);
    const secSignId = normalizeSecSignId(q('secsignid') ?? '');
    const serviceName = q('servicename');
    const serviceAddress = q('serviceaddress');
    if (secSignId === '' || !serviceName || serviceAddress === undefined) {
      return rawJson(c, '{"error":400,"errormsg":"Missing parameter."}', 400);
    }
    const transaction = q('transactiontitle') !== undefined && q('transactiondescr') !== undefined;
    const outcome = state.requestSession({
      secSignId,
      serviceName: cutText(serviceName),
      serviceAddress: cutText(serviceAddress),
      showAccessPass: q('showaccesspassicons') !== 'false' && !transaction,
      api: 'rest',
    });
    if (!outcome.ok) {
      return outcome.reason === 'id_frozen'
        ? rawJson(c, '{"error":409,"errormsg":"The SecSign ID is frozen."}', 409)
        : rawJson(
            c,
            '{"error":404,"errormsg":"A SecSign ID does not exist with that name.","errorcode":20000}',
            404,
          );
    }
    const s = outcome.session;
    const icon = s.showAccessPass ? symbolBase64(symbolByName(s.symbol)!) : '';
    return rawJson(
      c,
      `{"authsessionid":${s.authSessionId},"authsessionicondata":${JSON.stringify(icon)},` +
        `"secsignid":${JSON.stringify(s.secSignId)}}`,
    );
  });

  app.get('/rest/v2/AuthSession/:id', (c) => {
    const id = c.req.param('id');
    const session = isJavaLong(id) ? state.get(id) : undefined;
    return rawJson(c, JSON.stringify({ authsessionstate: session?.state ?? 8 }));
  });

  app.delete('/rest/v2/AuthSession/:id', (c) => {
    const id = c.req.param('id');
    if (isJavaLong(id)) state.cancelById(id);
    return rawJson(c, '{}');
  });

  app.get('/rest/v2/SecSignId/:id', (c) => {
    if (c.req.query('exist') === undefined) {
      return rawJson(c, '{"error":400,"errormsg":"Unknown request."}', 400);
    }
    return rawJson(c, JSON.stringify({ exist: state.hasId(c.req.param('id')) }));
  });

  return app;
}
