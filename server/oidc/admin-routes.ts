/**
 * `/api/admin/oidc`: the OpenID Connect clients for the admin page — list (never secrets), add
 * (the generated secret is in this one answer only), rotate a secret, remove — and whether OIDC is
 * on, with the issuer to enter in Jira and Confluence. Administrators only; every change audited.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { validate } from '../http/validation.js';
import { adminGuard } from '../admin-api/guard.js';
import { domainActor } from '../http/domain-actor.js';
import { auditOidcChange } from './change-audit.js';
import {
  addOidcClient,
  listOidcClients,
  removeOidcClient,
  rotateOidcClientSecret,
} from './clients.js';
import { issuerOf } from './service.js';

const clientCreate = z.object({
  clientId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  redirectUris: z.array(z.string().trim().min(1).max(2000)).min(1).max(20),
  postLogoutRedirectUris: z.array(z.string().trim().min(1).max(2000)).max(20).optional(),
  public: z.boolean().optional(),
});
const idParam = z.object({ id: z.string().min(1).max(64) });

/** Where `server/app.ts` mounts these routes (the admin page's client types its paths from it). */
export const OIDC_ADMIN_API_PATH = '/api/admin/oidc';

export function oidcAdminRoutes({ db, clock, config }: DoorDeps) {
  return new Hono<DoorEnv>()
    .use('*', adminGuard({ db, clock, config }))
    .get('/clients', async (c) =>
      c.json({
        enabled: config.secretKey !== '',
        issuer: issuerOf(config),
        clients: await listOidcClients(db),
      }),
    )
    .post('/clients', validate('json', clientCreate), async (c) => {
      const input = c.req.valid('json');
      const { client, secret } = await addOidcClient(db, clock, input);
      await auditOidcChange(db, clock, domainActor(c), 'oidc.client.add', client.clientId, {
        after: {
          name: client.name,
          redirectUris: client.redirectUris,
          public: !client.confidential,
        },
      });
      return c.json({ client, secret }, 201);
    })
    .post('/clients/:id/rotate-secret', validate('param', idParam), async (c) => {
      const id = c.req.valid('param').id;
      const secret = await rotateOidcClientSecret(db, clock, id);
      await auditOidcChange(db, clock, domainActor(c), 'oidc.client.rotate_secret', id);
      return c.json({ secret });
    })
    .delete('/clients/:id', validate('param', idParam), async (c) => {
      const id = c.req.valid('param').id;
      await removeOidcClient(db, id);
      await auditOidcChange(db, clock, domainActor(c), 'oidc.client.remove', id);
      return c.json({ ok: true });
    });
}

/** The OIDC clients' admin routes as the admin page's typed client sees them (`/api/admin/oidc`). */
export type OidcAdminRoutes = ReturnType<typeof oidcAdminRoutes>;
