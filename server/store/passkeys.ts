/**
 * Enrolled passkeys: the rows of `user_factors` with `factor = 'passkey'` (migration 007). SQL in,
 * plain objects out. `credential_id` is the credential's id in base64url, unique, so a usernameless
 * sign-in finds its user in one indexed read; `data` holds the public key, the signature counter,
 * the transports and the backup flags. The counter is advanced with a compare-and-set, so two
 * sign-ins racing with one assertion cannot both pass. Adding and removing go through the
 * enrolment rule's batch (`store/user-factors.ts` statements); deleting a user's `user_factors`
 * rows is all it takes to reset their passkeys.
 */
import type { Database, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { num, str, strOrNull } from './rows.js';
import { bySql } from '../db/dialect.js';

/** What a passkey row's `data` holds. */
export interface PasskeyData {
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen (0 when the authenticator keeps none). */
  counter: number;
  transports: string[];
  /** `singleDevice` or `multiDevice` (synced passkey), as registration said. */
  deviceType: string;
  /** Whether the credential was backed up (synced) when last seen. */
  backedUp: boolean;
}

export interface PasskeyRecord {
  id: number;
  userId: number;
  label: string;
  credentialId: string;
  data: PasskeyData;
  createdAt: number;
  lastUsedAt: number | null;
}

const COLUMNS = 'id, user_id, label, credential_id, data, created_at, last_used_at';

function toRecord(row: Row): PasskeyRecord {
  let parsed: Partial<PasskeyData> = {};
  try {
    parsed = JSON.parse(str(row, 'data')) as Partial<PasskeyData>;
  } catch {
    // An unreadable row keeps an empty key, which verifies nothing: fail closed.
  }
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    label: str(row, 'label'),
    credentialId: str(row, 'credential_id'),
    data: {
      publicKey: typeof parsed.publicKey === 'string' ? parsed.publicKey : '',
      counter: typeof parsed.counter === 'number' ? parsed.counter : 0,
      transports: Array.isArray(parsed.transports) ? parsed.transports.map(String) : [],
      deviceType: typeof parsed.deviceType === 'string' ? parsed.deviceType : 'singleDevice',
      backedUp: parsed.backedUp === true,
    },
    createdAt: num(row, 'created_at'),
    lastUsedAt: strOrNull(row, 'last_used_at') === null ? null : num(row, 'last_used_at'),
  };
}

/** A user's passkeys, oldest first. */
export async function listPasskeys(db: Database, userId: number): Promise<PasskeyRecord[]> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM user_factors WHERE user_id = ? AND factor = 'passkey' ORDER BY id`,
    args: [userId],
  });
  return rs.rows.map(toRecord);
}

/** The passkey with this credential id (base64url), or null. */
export async function findPasskeyByCredentialId(
  db: Database,
  credentialId: string,
): Promise<PasskeyRecord | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM user_factors WHERE credential_id = ? AND factor = 'passkey'`,
    args: [credentialId],
  });
  return rs.rows[0] ? toRecord(rs.rows[0]) : null;
}

/**
 * Records a successful use: the new counter and backup flag, when `previousCounter` is still the
 * stored one. False when another sign-in changed it meanwhile (refuse this one).
 */
export async function recordPasskeyUse(
  db: Database,
  clock: Clock,
  p: { id: number; previousCounter: number; counter: number; backedUp: boolean },
): Promise<boolean> {
  const rs = await db.execute({
    sql: bySql(db, {
      sqlite: `UPDATE user_factors
          SET data = json_set(data, '$.counter', ?, '$.backedUp', json(?)), last_used_at = ?
          WHERE id = ? AND factor = 'passkey' AND json_extract(data, '$.counter') = ?`,
      postgres: `UPDATE user_factors
          SET data = jsonb_set(jsonb_set(data::jsonb, '{counter}', to_jsonb(?::bigint)),
                               '{backedUp}', CAST(? AS text)::jsonb)::text, last_used_at = ?
          WHERE id = ? AND factor = 'passkey' AND (data::jsonb ->> 'counter')::bigint = ?`,
    }),
    args: [p.counter, p.backedUp ? 'true' : 'false', clock.now(), p.id, p.previousCounter],
  });
  return rs.rowsAffected === 1;
}
