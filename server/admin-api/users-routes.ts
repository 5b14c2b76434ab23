/**
 * `/api/admin/users`: list with search and paging, create, change display name / e-mail / role /
 * disabled, set a password, assign or clear the SecSign ID, revoke sessions, delete. The rules are
 * the domain's.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import { checkAssignedSecSignId } from '../factors/secsign/id-check.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { auditActor } from '../domain/actor.js';
import { userNotFound } from '../domain/errors.js';
import {
  changeSecSignId,
  changeSecSignIdOrHold,
  createUser,
  deleteUser,
  setPassword,
  updateUser,
} from '../domain/users-service.js';
import { revokeUserSessions } from '../store/sessions.js';
import { appendAudit } from '../store/audit.js';
import { findUserById, listUsers, publicUser } from '../store/users.js';
import {
  idParam,
  passwordBody,
  secSignIdBody,
  userCreate,
  userListQuery,
  userPatch,
} from './schemas.js';
import { listFactors, resetFactors } from '../domain/factor-changes.js';
import { validate } from './validate.js';
import { userJson } from './views.js';

export function usersRoutes({ db, clock, secsignApi }: DoorDeps) {
  return new Hono<DoorEnv>()
    .get('/', validate('query', userListQuery), async (c) => {
      const { q, offset = 0, limit = 50 } = c.req.valid('query');
      const page = await listUsers(db, { q, offset, limit });
      return c.json({
        users: page.users.map((u) => userJson(publicUser(u))),
        total: page.total,
        offset,
        limit,
      });
    })
    .post('/', validate('json', userCreate), async (c) => {
      const input = c.req.valid('json');
      const secSignIdCheck = await checkAssignedSecSignId(secsignApi, input.secSignId);
      const user = await createUser(db, clock, domainActor(c), input);
      return c.json({ user: userJson(user), ...(secSignIdCheck ? { secSignIdCheck } : {}) }, 201);
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const user = await findUserById(db, Number(c.req.valid('param').id));
      if (!user) throw userNotFound();
      return c.json({ user: userJson(publicUser(user)) });
    })
    .patch('/:id', validate('param', idParam), validate('json', userPatch), async (c) => {
      const id = Number(c.req.valid('param').id);
      const user = await updateUser(db, clock, domainActor(c), id, c.req.valid('json'));
      return c.json({ user: userJson(user) });
    })
    .put('/:id/password', validate('param', idParam), validate('json', passwordBody), async (c) => {
      const id = Number(c.req.valid('param').id);
      const user = await setPassword(db, clock, domainActor(c), id, c.req.valid('json').password);
      return c.json({ user: userJson(user) });
    })
    .put(
      '/:id/secsign-id',
      validate('param', idParam),
      validate('json', secSignIdBody),
      async (c) => {
        const id = Number(c.req.valid('param').id);
        const { secSignId } = c.req.valid('json');
        const secSignIdCheck = await checkAssignedSecSignId(secsignApi, secSignId);
        const done = await changeSecSignIdOrHold(db, clock, domainActor(c), id, secSignId);
        const check = secSignIdCheck ? { secSignIdCheck } : {};
        // An administrator's own first ID on the password, held for approval like anyone's.
        if (done.waitingApproval)
          return c.json(
            { user: userJson(done.user), waitingApproval: true as const, ...check },
            202,
          );
        return c.json({ user: userJson(done.user), ...check });
      },
    )
    .delete('/:id/secsign-id', validate('param', idParam), async (c) => {
      const id = Number(c.req.valid('param').id);
      const user = await changeSecSignId(db, clock, domainActor(c), id, null);
      return c.json({ user: userJson(user) });
    })
    .post('/:id/revoke-sessions', validate('param', idParam), async (c) => {
      const user = await findUserById(db, Number(c.req.valid('param').id));
      if (!user) throw userNotFound();
      const revoked = await revokeUserSessions(db, clock, user.id);
      await appendAudit(db, clock, {
        ...auditActor(domainActor(c)),
        action: 'user.sessions.revoke',
        username: user.username,
        outcome: 'ok',
        details: { target: user.username, revoked },
      });
      return c.json({ revoked });
    })
    .get('/:id/factors', validate('param', idParam), async (c) =>
      c.json(await listFactors(db, Number(c.req.valid('param').id))),
    )
    .delete('/:id/factors', validate('param', idParam), async (c) => {
      const id = Number(c.req.valid('param').id);
      await resetFactors(db, clock, domainActor(c), id);
      return c.json(await listFactors(db, id));
    })
    .delete('/:id', validate('param', idParam), async (c) => {
      await deleteUser(db, clock, domainActor(c), Number(c.req.valid('param').id));
      return c.json({ ok: true });
    });
}
