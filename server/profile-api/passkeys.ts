/**
 * The profile's passkeys, mounted at `/api/me/passkeys` (behind the profile API's signed-in
 * check): list, `POST /options` (a registration challenge bound to this user and address),
 * `POST /` (verify the browser's answer and store the passkey under a label), `DELETE /:id`.
 * Who may change what is issue 18's one enrolment rule (`domain/enrolment-rules.ts`); every
 * change is committed through it: audited, and the user's other sessions ended. Each change needs
 * a recent sign-in or confirmation (`recent-auth-guard.ts`).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import { AppError } from '../platform/errors.js';
import type { DoorEnv, SignedInEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireActor } from '../http/require-actor.js';
import { ownOrigins } from '../http/public-origin.js';
import { validate } from '../http/validation.js';
import {
  PasskeyRefused,
  registrationOptions,
  relyingParty,
  verifyRegistration,
} from '../factors/passkey/webauthn.js';
import { asAttestation, attestationSchema } from '../factors/passkey/wire.js';
import { issueUserChallenge, takeChallenge } from '../factors/passkey/challenges.js';
import {
  checkFactorChange,
  commitFactorChange,
  type FactorChange,
} from '../domain/enrolment-rules.js';
import { userNotFound } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import { auditActor, type DomainActor } from '../domain/actor.js';
import type { ZoneDecision } from '../domain/zone-decision.js';
import { findPasskeyByCredentialId, listPasskeys, type PasskeyRecord } from '../store/passkeys.js';
import { deleteUserFactorStatement, insertUserFactorStatement } from '../store/user-factors.js';
import { findUserById } from '../store/users.js';
import { recentAuthGuard } from './recent-auth-guard.js';

const label = z.string().trim().min(1, 'Give the passkey a name.').max(80);
const addBody = z.strictObject({
  transaction: z.string().max(100),
  label,
  credential: attestationSchema,
});
const idParam = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/, 'a passkey id') });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function passkeyJson(p: PasskeyRecord) {
  return {
    id: p.id,
    label: p.label,
    createdAt: iso(p.createdAt)!,
    lastUsedAt: iso(p.lastUsedAt),
    /** A synced passkey (in a password manager or platform account) rather than one device. */
    synced: p.data.deviceType === 'multiDevice',
    backedUp: p.data.backedUp,
  };
}

/** `GET /api/me/passkeys` (imported type-only by the profile page). */
export interface PasskeysAnswer {
  passkeys: ReturnType<typeof passkeyJson>[];
  /** Whether this session may add a passkey now (see the enrolment rule). */
  mayAdd: boolean;
  /** Whether this session may remove one. */
  mayRemove: boolean;
}

const refused = (err: PasskeyRefused) =>
  err.reason === 'no_user_verification'
    ? new AppError(
        400,
        'passkey_user_verification',
        'Your passkey must confirm it is you (PIN, fingerprint or face).',
      )
    : new AppError(
        400,
        'passkey_refused',
        'This passkey could not be registered. Please try again.',
      );

export function passkeysApi({ db, clock, config }: DoorDeps) {
  const rp = relyingParty(config, ownOrigins(config.publicUrl));
  const fresh = recentAuthGuard({ db, clock, config });
  type Ctx = Context<DoorEnv & SignedInEnv>;
  /** The request's zoneDecision: the session middleware computed it when it admitted the actor. */
  const zoneDecisionOfSession = (c: Ctx): ZoneDecision => {
    const s = c.get('zoneDecision');
    if (!s) throw new AppError(401, 'not_signed_in', 'Sign in first.');
    return s;
  };
  const check = (c: Ctx, actor: DomainActor, change: FactorChange) =>
    checkFactorChange(db, actor, zoneDecisionOfSession(c), actor.id, change);
  const mayChange = (c: Ctx, change: FactorChange) =>
    check(c, domainActor(c), change).then(
      () => true,
      () => false,
    );
  return new Hono<DoorEnv>()
    .use(requireActor)
    .get('/', async (c) => {
      const mine = await listPasskeys(db, c.get('actor').id);
      return c.json<PasskeysAnswer>({
        passkeys: mine.map(passkeyJson),
        mayAdd: await mayChange(c, 'enrol'),
        mayRemove: await mayChange(c, 'remove'),
      });
    })
    .post('/options', fresh('passkey.add'), async (c) => {
      const actor = domainActor(c);
      const [user, mine] = await Promise.all([
        findUserById(db, actor.id),
        listPasskeys(db, actor.id),
      ]);
      if (!user) throw userNotFound();
      await check(c, actor, 'enrol');
      const options = await registrationOptions(
        rp,
        { id: user.id, username: user.username, displayName: user.displayName },
        mine.map((p) => ({ credentialId: p.credentialId, transports: p.data.transports })),
      );
      return c.json(
        await issueUserChallenge(db, clock, 'enrol', options, c.get('client').ip, user),
      );
    })
    .post('/', validate('json', addBody), fresh('passkey.add'), async (c) => {
      const actor = domainActor(c);
      const body = c.req.valid('json');
      const audit = (outcome: string, details?: object) =>
        appendAudit(db, clock, {
          ...auditActor(actor),
          action: 'passkey.add',
          username: actor.username,
          outcome,
          details,
        });
      const taken = await takeChallenge(db, clock, body.transaction, {
        purpose: 'enrol',
        clientIp: c.get('client').ip,
        userId: actor.id,
      });
      if (!taken.ok) {
        await audit(`challenge_${taken.reason}`);
        throw new AppError(
          400,
          'challenge_invalid',
          'This passkey request is no longer valid. Please start again.',
        );
      }
      await check(c, actor, 'enrol');
      let made;
      try {
        made = await verifyRegistration(rp, asAttestation(body.credential), taken.challenge);
      } catch (err) {
        if (!(err instanceof PasskeyRefused)) throw err;
        await audit(`passkey_${err.reason}`, { detail: err.message.slice(0, 300) });
        throw refused(err);
      }
      const exists = async () => {
        await audit('passkey_exists');
        return new AppError(409, 'passkey_exists', 'This passkey is registered already.');
      };
      if (await findPasskeyByCredentialId(db, made.credentialId)) throw await exists();
      const insert = insertUserFactorStatement({
        userId: actor.id,
        factor: 'passkey',
        label: body.label,
        credentialId: made.credentialId,
        data: { ...made.data },
        at: clock.now(),
      });
      let done;
      try {
        done = await commitFactorChange(db, clock, actor, actor, [insert], {
          action: 'passkey.add',
          outcome: 'ok',
          details: { label: body.label, synced: made.data.deviceType === 'multiDevice' },
        });
      } catch (err) {
        // Registered by a request racing this one.
        if (String(err).includes('UNIQUE constraint failed: user_factors.credential_id'))
          throw await exists();
        throw err;
      }
      // A first factor held for an administrator's approval (domain/factor-approvals.ts).
      if (done === 'held') return c.json({ waitingApproval: true as const }, 202);
      const mine = await listPasskeys(db, actor.id);
      return c.json(
        { passkey: passkeyJson(mine.find((p) => p.credentialId === made.credentialId)!) },
        201,
      );
    })
    .delete('/:id', validate('param', idParam), fresh('passkey.remove'), async (c) => {
      const actor = domainActor(c);
      const id = Number(c.req.valid('param').id);
      const mine = await listPasskeys(db, actor.id);
      const target = mine.find((p) => p.id === id);
      if (!target) throw new AppError(404, 'passkey_not_found', 'You have no such passkey.');
      await check(c, actor, 'remove');
      await commitFactorChange(db, clock, actor, actor, [deleteUserFactorStatement(actor.id, id)], {
        action: 'passkey.remove',
        outcome: 'ok',
        details: { label: target.label },
      });
      return c.json({ ok: true });
    });
}
