/**
 * The storage adapter `oidc-provider` asks for (upsert, find, findByUid, findByUserCode, consume,
 * destroy, revokeByGrantId), kept in libSQL so that several ipsafezone instances on one database
 * share authorization codes, tokens, grants and interactions. Expiry is judged by our `Clock` (an
 * expired record is not found, whatever the library thinks the time is), and a consumed
 * authorization code stays consumed — the library then refuses its replay and revokes its grant.
 *
 * Ids are stored hashed, as our own sessions are: a record's id is an access token or an
 * authorization code itself, so the row keeps only the SHA-256 of the id (`storedKey`) — likewise
 * of the uid, user code and grant id it is looked up by — and the payload is stored without its
 * `jti` (the id again), which `find` puts back from the id it was asked for. A read of the database
 * yields no live token or code. (Records written in clear before this — migration 011 deletes
 * them — would simply not be found.)
 *
 * Clients are not stored here: `Client` is answered from the `oidc_clients` table (clients.ts).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { clientMetadata } from './clients.js';
import { oidcErrors } from './library.js';
import { num, str, strOrNull } from '../store/rows.js';
import { hashToken } from '../platform/crypto/tokens.js';

type Payload = Record<string, unknown>;

export interface AdapterInstance {
  upsert(id: string, payload: Payload, expiresIn: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** How an id (or uid, user code, grant id) is kept in `oidc_store`: its hex SHA-256. */
export function storedKey(value: string): string {
  return hashToken(value);
}

/** Returns the adapter class `oidc-provider` instantiates once per model name. */
export function libsqlAdapter(db: Database, clock: Clock): new (model: string) => AdapterInstance {
  const read = async (model: string, where: string, value: string) => {
    const rs = await db.execute({
      sql: `SELECT payload, expires_at, consumed_at FROM oidc_store WHERE model = ? AND ${where} = ? LIMIT 1`,
      args: [model, storedKey(value)],
    });
    const row = rs.rows[0];
    if (!row) return undefined;
    const expiresAt = strOrNull(row, 'expires_at');
    if (expiresAt !== null && Number(expiresAt) <= clock.now()) return undefined;
    const payload = JSON.parse(str(row, 'payload')) as Payload;
    if (strOrNull(row, 'consumed_at') !== null)
      payload.consumed = Math.floor(num(row, 'consumed_at') / 1000);
    return payload;
  };

  /**
   * Revokes the grant a record belongs to: the grant itself — without it every access token of
   * the grant is refused (the library looks the grant up for each), also one the winner of a
   * race saves after this — and every other code and token stored with its id: what the library's
   * own revocation of a replayed code deletes, found from the record rather than its payload. The
   * record itself stays, marked used, so that its next replay is refused as used too.
   */
  const revokeGrantOf = async (model: string, id: string) => {
    const key = storedKey(id);
    const grantOf = 'SELECT grant_id FROM oidc_store WHERE model = ? AND id = ?';
    await db.execute({
      sql: `DELETE FROM oidc_store
            WHERE (grant_id = (${grantOf}) AND NOT (model = ? AND id = ?))
               OR (model = 'Grant' AND id = (${grantOf}))`,
      args: [model, key, model, key, model, key],
    });
  };

  return class LibsqlAdapter implements AdapterInstance {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn: number): Promise<void> {
      if (this.model === 'Client')
        throw new Error('Clients are managed with `ipsafezone oidc client`.');
      const expiresAt = expiresIn ? clock.now() + expiresIn * 1000 : null;
      const key = (v: unknown) => (typeof v === 'string' ? storedKey(v) : null);
      const { jti: _id, ...stored } = payload;
      await db.execute({
        sql: `INSERT INTO oidc_store (model, id, payload, grant_id, user_code, uid, expires_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload,
                grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid,
                expires_at = excluded.expires_at`,
        args: [
          this.model,
          storedKey(id),
          JSON.stringify(stored),
          key(payload.grantId),
          key(payload.userCode),
          key(payload.uid),
          expiresAt,
        ],
      });
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.model === 'Client') return clientMetadata(db, id);
      const payload = await read(this.model, 'id', id);
      return payload && { ...payload, jti: id };
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      return read(this.model, 'uid', uid);
    }

    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return read(this.model, 'user_code', userCode);
    }

    /**
     * Marks a code or token used — once. The library checks `consumed` when it reads the record
     * and then calls this; two requests (on two instances, or one) that read it before either
     * consumed would both go on. Only the one whose UPDATE changed the row does; the other is
     * refused as the library refuses a used code — and, as the library does then (RFC 6749
     * 4.1.2), the grant is revoked: what the winner was issued, or is about to be, is refused.
     */
    async consume(id: string): Promise<void> {
      const rs = await db.execute({
        sql: 'UPDATE oidc_store SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL',
        args: [clock.now(), this.model, storedKey(id)],
      });
      if (rs.rowsAffected === 0) {
        await revokeGrantOf(this.model, id);
        throw new oidcErrors.InvalidGrant(`${this.model} already consumed`);
      }
    }

    async destroy(id: string): Promise<void> {
      await db.execute({
        sql: 'DELETE FROM oidc_store WHERE model = ? AND id = ?',
        args: [this.model, storedKey(id)],
      });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.execute({
        sql: 'DELETE FROM oidc_store WHERE grant_id = ?',
        args: [storedKey(grantId)],
      });
    }
  };
}

/**
 * Deletes records that have expired (called now and then). An expired record is never read again
 * (`read` above), so nothing is lost; and what anonymous requests made the library store — an
 * interaction per authorization request, a session per visit to the logout page — is kept only
 * as long as it lives, not a day longer.
 */
export async function purgeExpired(db: Database, clock: Clock): Promise<number> {
  const rs = await db.execute({
    sql: 'DELETE FROM oidc_store WHERE expires_at IS NOT NULL AND expires_at <= ?',
    args: [clock.now()],
  });
  return rs.rowsAffected;
}
