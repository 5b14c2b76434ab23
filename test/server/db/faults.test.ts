/**
 * Real SQLite faults are recognised as "the database is unavailable" and answered 503 with
 * `Retry-After` (never 500): a file that is not a database (SQLITE_NOTADB), a path that cannot be
 * opened (SQLITE_CANTOPEN), a full database (SQLITE_FULL via max_page_count), a held lock
 * (SQLITE_BUSY), a connection that may not write (SQLITE_READONLY). A plain bug stays a 500.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { Hono } from 'hono';
import { databaseErrorCode, isDatabaseUnavailable } from '../../../server/db/faults.js';
import { handleError } from '../../../server/http/errors.js';

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function answerTo(err: unknown): Promise<Response> {
  const app = new Hono();
  app.onError(handleError);
  app.get('/', () => {
    throw err;
  });
  return app.request('/');
}

test('real SQLite faults map to 503 service_unavailable with Retry-After', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-faults-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'garbage.db'), Buffer.alloc(8192, 0x41));
  const faults: [string, () => Promise<unknown>][] = [
    [
      'SQLITE_NOTADB',
      async () =>
        createClient({ url: `file:${join(dir, 'garbage.db')}` }).execute(
          'SELECT * FROM sqlite_master',
        ),
    ],
    [
      'SQLITE_CANTOPEN',
      async () =>
        createClient({ url: `file:${join(dir, 'no', 'such', 'dir', 'x.db')}` }).execute('SELECT 1'),
    ],
    [
      'SQLITE_FULL',
      async () => {
        const db = createClient({ url: `file:${join(dir, 'full.db')}` });
        await db.execute('CREATE TABLE t (x BLOB)');
        await db.execute('PRAGMA max_page_count = 3');
        await db.execute({ sql: 'INSERT INTO t VALUES (?)', args: [new Uint8Array(100_000)] });
      },
    ],
    [
      'SQLITE_BUSY',
      async () => {
        const url = `file:${join(dir, 'busy.db')}`;
        const a = createClient({ url, timeout: 0 });
        await a.execute('CREATE TABLE t (x)');
        const tx = await a.transaction('write');
        await tx.execute('INSERT INTO t VALUES (1)');
        try {
          await createClient({ url, timeout: 0 }).execute('INSERT INTO t VALUES (2)');
        } finally {
          await tx.rollback();
        }
      },
    ],
    [
      'SQLITE_READONLY',
      async () => {
        const db = createClient({ url: `file:${join(dir, 'ro.db')}` });
        await db.execute('CREATE TABLE t (x)');
        await db.execute('PRAGMA query_only = ON');
        await db.execute('INSERT INTO t VALUES (1)');
      },
    ],
  ];
  for (const [code, inject] of faults) {
    const err = await caught(inject);
    assert.equal(databaseErrorCode(err), code, String(err));
    assert.ok(isDatabaseUnavailable(err), code);
    const res = await answerTo(err);
    assert.equal(res.status, 503, code);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal(
      ((await res.json()) as { error: { code: string } }).error.code,
      'service_unavailable',
    );
  }
});

test('a remote libSQL server that does not answer is unavailable, a bug is a 500', async () => {
  const err = await caught(() => createClient({ url: 'http://127.0.0.1:9' }).execute('SELECT 1'));
  assert.ok(isDatabaseUnavailable(err), String(err));
  assert.equal((await answerTo(err)).status, 503);
  assert.equal((await answerTo(new TypeError('x is not a function'))).status, 500);
  assert.equal(isDatabaseUnavailable(new Error('SQLITE_CONSTRAINT')), false);
});
