/**
 * A DATABASE_URL naming several PostgreSQL hosts (issue 26 §5: what lets the instances follow a
 * failover by themselves) is opened as postgres.js's multi-host URL — the WHATWG URL parser refuses
 * `host1:port1,host2:port2`, so the URL is not read with it. With a first host that does not answer
 * and `target_session_attrs=read-write`, the store connects to the one that does, and writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../../server/db/open.js';
import { freshPostgresDatabase } from '../../support/postgres.js';
import { freePort } from '../../support/slapd.js';

test('a two-host DATABASE_URL opens, skipping the host that does not answer', async () => {
  const fresh = await freshPostgresDatabase();
  const one = new URL(fresh.url);
  const gone = await freePort();
  const url =
    `postgres://${one.username}@127.0.0.1:${gone},${one.host}${one.pathname}` +
    '?target_session_attrs=read-write';
  const db = await openDatabase({ url, create: true });
  try {
    await db.execute({ sql: "INSERT INTO audit_log (at, action) VALUES (?, 'probe')", args: [1] });
    const rs = await db.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'probe'");
    assert.equal(Number(rs.rows[0]!['n']), 1);
  } finally {
    db.close();
    await fresh.drop();
  }
});
