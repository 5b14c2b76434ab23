/**
 * Authenticator apps for a user: enrolment (a new secret shown once as a QR code and an otpauth://
 * URI, confirmed by a first valid code), the check at sign-in (one step either side, each time
 * step once), removal. The secret is sealed with `IPSAFEZONE_SECRET_KEY` before it is stored;
 * until the first code confirms it, it is not stored at all but travels sealed in the enrolment
 * token the page holds (bound to the user and ten minutes, taken once: its random id is stored when
 * it is confirmed, in the same write as the factor). Who may enrol or remove is the one rule of
 * `enrolment-rules.ts`, asserted again in that write together with the cap of five apps; a first
 * factor comes with ten recovery codes.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import QRCode from 'qrcode';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp-code.js';
import { newRecoveryCodes } from '../recovery-code/codes.js';
import {
  advanceTotpStep,
  insertUserFactorStatement,
  listUserFactors,
  replaceRecoveryCodesStatements,
  takeEnrolmentTokenStatement,
  unusedRecoveryCodes,
} from '../../store/user-factors.js';
import type { UserRecord } from '../../store/users.js';
import { appendAudit } from '../../store/audit.js';
import { auditActor, type DomainActor } from '../../domain/actor.js';
import { checkFactorChange, commitFactorChange } from '../../domain/enrolment-rules.js';
import { enrolmentInvalid, tooManyFactors } from '../../domain/errors.js';
import type { ZoneDecision } from '../../domain/zone-decision.js';

export interface TotpDeps {
  db: Database;
  clock: Clock;
  box: SecretBox;
  /** Shown in the authenticator app above the account name. */
  issuer: string;
}

const ENROLMENT_MS = 10 * 60_000;
/** Enough for a phone, a spare and a tablet; more is a mistake or an attack. */
export const MAX_TOTP_FACTORS = 5;

export interface TotpEnrolment {
  /** Sealed: the secret, the user, the expiry. Sent back with the first code. */
  enrolment: string;
  /** The otpauth:// URI (for "copy" and for apps on the same device). */
  uri: string;
  /** The secret in base32, for typing it in by hand. */
  secret: string;
  /** The URI as a QR code, an SVG document. */
  qrSvg: string;
  expiresAt: number;
}

function sealOrUnavailable(box: SecretBox, value: string): string {
  try {
    return box.seal(value);
  } catch {
    throw new AppError(
      503,
      'secret_key_missing',
      'Authenticator apps need IPSAFEZONE_SECRET_KEY on the server. Ask an administrator.',
    );
  }
}

/** Begins enrolling an authenticator app for the actor themselves. */
export async function beginTotpEnrolment(
  deps: TotpDeps,
  actor: DomainActor,
  zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>,
  user: UserRecord,
): Promise<TotpEnrolment> {
  await checkFactorChange(deps.db, actor, zoneDecision, user.id, 'enrol');
  if ((await listUserFactors(deps.db, user.id, 'totp')).length >= MAX_TOTP_FACTORS) {
    throw tooManyFactors();
  }
  const secret = newTotpSecret();
  const expiresAt = deps.clock.now() + ENROLMENT_MS;
  const enrolment = sealOrUnavailable(
    deps.box,
    JSON.stringify({
      kind: 'totp-enrolment',
      id: randomBytes(16).toString('base64url'),
      user: user.id,
      secret,
      expiresAt,
    }),
  );
  const uri = totpUri(secret, deps.issuer, user.username);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { enrolment, uri, secret, qrSvg, expiresAt };
}

interface OpenedEnrolment {
  /** The token's random id: stored when it is confirmed, so it is confirmed once. */
  id: string;
  secret: string;
  expiresAt: number;
}

function openEnrolment(deps: TotpDeps, sealed: string, userId: number): OpenedEnrolment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(deps.box.open(sealed));
  } catch {
    throw enrolmentInvalid();
  }
  const e = parsed as {
    kind?: unknown;
    id?: unknown;
    user?: unknown;
    secret?: unknown;
    expiresAt?: unknown;
  };
  if (
    e.kind !== 'totp-enrolment' ||
    typeof e.id !== 'string' ||
    e.user !== userId ||
    typeof e.secret !== 'string' ||
    typeof e.expiresAt !== 'number' ||
    deps.clock.now() >= e.expiresAt
  ) {
    throw enrolmentInvalid();
  }
  return { id: e.id, secret: e.secret, expiresAt: e.expiresAt };
}

/**
 * Confirms an enrolment with the first code from the app: the factor is stored (its secret sealed,
 * the step used remembered) and the token taken, the user's other sessions end, it is audited — one
 * write, refused as a whole when the token was taken already (400 `enrolment_invalid`), the user
 * has five apps by now (409 `too_many_factors`) or the rule no longer allows it. A user without recovery
 * codes gets ten, shown once (`recoveryCodes`).
 */
export async function confirmTotpEnrolment(
  deps: TotpDeps,
  actor: DomainActor,
  zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>,
  user: UserRecord,
  input: { enrolment: string; code: string; label: string },
): Promise<{ recoveryCodes: string[] | null; waitingApproval?: true }> {
  const opened = openEnrolment(deps, input.enrolment, user.id);
  const { secret } = opened;
  await checkFactorChange(deps.db, actor, zoneDecision, user.id, 'enrol');
  const now = deps.clock.now();
  const verdict = verifyTotp(secret, input.code, now, null);
  if (!verdict.ok) {
    await appendAudit(deps.db, deps.clock, {
      ...auditActor(actor),
      action: 'factor.enrol',
      username: user.username,
      outcome: 'invalid_code',
      details: { factor: 'totp' },
    });
    throw new AppError(
      422,
      'invalid_code',
      'That code is not right. Check the time on your phone and type the code the app shows now.',
    );
  }
  const issue = (await unusedRecoveryCodes(deps.db, user.id)) === 0;
  const fresh = issue ? newRecoveryCodes() : null;
  const done = await commitFactorChange(
    deps.db,
    deps.clock,
    actor,
    user,
    [
      insertUserFactorStatement({
        userId: user.id,
        factor: 'totp',
        label: input.label.trim() || 'Authenticator app',
        data: { secret: sealOrUnavailable(deps.box, secret), lastStep: verdict.step },
        at: now,
      }),
      ...(fresh ? replaceRecoveryCodesStatements(user.id, fresh.hashes, now) : []),
      takeEnrolmentTokenStatement(opened.id, user.id, opened.expiresAt),
    ],
    {
      action: 'factor.enrol',
      outcome: 'enrolled',
      details: { factor: 'totp', label: input.label.trim(), recoveryCodesIssued: issue },
    },
    { totpLimit: MAX_TOTP_FACTORS },
  );
  // Held for an administrator's approval: the codes work once the app does.
  return {
    recoveryCodes: fresh?.codes ?? null,
    ...(done === 'held' ? { waitingApproval: true } : {}),
  };
}

export type TotpCheck = 'ok' | 'wrong' | 'replayed' | 'unavailable';

/**
 * Checks a code at sign-in against each of the user's authenticator apps. The step used is stored
 * with a compare-and-set, so the same code cannot sign in twice, not even in two parallel requests.
 */
export async function checkTotpCode(
  deps: Pick<TotpDeps, 'db' | 'clock' | 'box'>,
  userId: number,
  code: string,
): Promise<TotpCheck> {
  const factors = await listUserFactors(deps.db, userId, 'totp');
  const now = deps.clock.now();
  let replayed = false;
  for (const f of factors) {
    let secret: string;
    try {
      secret = deps.box.open(String(f.data.secret));
    } catch {
      return 'unavailable';
    }
    const last = typeof f.data.lastStep === 'number' ? f.data.lastStep : null;
    const verdict = verifyTotp(secret, code, now, last);
    if (verdict.ok) {
      if (await advanceTotpStep(deps.db, f.id, verdict.step, now)) return 'ok';
      replayed = true;
    } else if (verdict.reason === 'replayed') replayed = true;
  }
  return replayed ? 'replayed' : 'wrong';
}
