/**
 * `/api/admin/directories`: the external password directories (LDAP / Active Directory, Crowd, any
 * kind in server/directories/kinds.ts) — list, the kinds with their form fields, add one of a kind
 * (`POST /:kind`, its input checked by that kind's schema; a kind no module carries is a 404), enable/disable, reorder, remove,
 * "Test connection" and "Test a user". Answers never carry a
 * bind or application password; "Test a user" shows what the directory found (DN, names, e-mail,
 * groups, admin, SecSign ID) and, when a password is given, only whether it was right — that
 * check counted and locked as a sign-in's, every test audited (domain/directory-user-test.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import { domainActor } from '../http/domain-actor.js';
import type { DoorEnv } from '../http/context.js';
import {
  addDirectory,
  listDirectoryViews,
  moveDirectory,
  removeDirectory,
  setDirectoryEnabled,
} from '../directories/directory-service.js';
import { testDirectoryConnection } from '../directories/directory-tests.js';
import { testDirectoryUserCounted } from '../domain/directory-user-test.js';
import { loginDeps } from '../domain/login/login-wiring.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { secretBoxFor } from '../directories/open-directory.js';
import { DIRECTORY_KINDS, directoryKind } from '../directories/kinds.js';
import { notFound } from '../http/errors.js';
import { kindView } from '../directories/directory-kind.js';
import { idParam } from './schemas.js';
import { validate, validated } from './validate.js';

const patchBody = z
  .strictObject({
    enabled: z.boolean().optional(),
    position: z.number().int().min(1).max(1000).optional(),
  })
  .refine((v) => v.enabled !== undefined || v.position !== undefined, 'name enabled or position');
/** Any object: the kind's own schema checks it in the route (`validated`). */
const anyInput = z.record(z.string(), z.unknown());
const testUserBody = z.strictObject({
  username: z.string().min(1).max(256),
  password: z.string().max(1024).optional(),
});

export function directoriesRoutes(doors: DoorDeps) {
  const { db, clock, config } = doors;
  const box = secretBoxFor(config);
  // "Test a user" with a password counts as a sign-in's attempt (domain/directory-user-test.ts).
  const deps = loginDeps(doors);
  const id = (p: { id: string }) => Number(p.id);
  const kinds = DIRECTORY_KINDS.map(kindView);
  return new Hono<DoorEnv>()
    .get('/', async (c) => c.json({ directories: await listDirectoryViews(db) }))
    .get('/kinds', (c) => c.json({ kinds }))
    .post('/:kind', validate('json', anyInput), async (c) => {
      const kind = directoryKind(c.req.param('kind'));
      if (!kind) return notFound(c);
      const input = validated(kind.input, c.req.valid('json'));
      const d = await addDirectory(db, clock, box, domainActor(c), kind.name, input);
      return c.json({ directory: d }, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', patchBody), async (c) => {
      const { enabled, position } = c.req.valid('json');
      const target = id(c.req.valid('param'));
      let views =
        position === undefined
          ? null
          : await moveDirectory(db, clock, domainActor(c), target, position);
      if (enabled !== undefined)
        return c.json({
          directory: await setDirectoryEnabled(db, clock, domainActor(c), target, enabled),
        });
      views ??= await listDirectoryViews(db);
      return c.json({ directory: views.find((x) => x.id === target) });
    })
    .delete('/:id', validate('param', idParam), async (c) => {
      await removeDirectory(db, clock, domainActor(c), id(c.req.valid('param')));
      return c.json({ ok: true });
    })
    .post('/:id/test', validate('param', idParam), async (c) =>
      c.json(await testDirectoryConnection(db, box, id(c.req.valid('param')))),
    )
    .post(
      '/:id/test-user',
      validate('param', idParam),
      validate('json', testUserBody),
      async (c) => {
        const zoneDecision = await zoneDecisionOf(c, doors.zoneDecision);
        return c.json(
          await testDirectoryUserCounted(
            deps,
            box,
            domainActor(c),
            zoneDecision,
            id(c.req.valid('param')),
            c.req.valid('json'),
          ),
        );
      },
    );
}
