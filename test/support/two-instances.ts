/**
 * Two instances on one database (test code only): the handles that tests of changes seen by
 * every instance, and of races between instances, start from.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Database } from '../../server/db/database.js';
import { openDatabase } from '../../server/db/open.js';
import { openTestDatabase, testDatabaseUrl } from './test-database.js';

/**
 * Two instances' handles on one new database — a libSQL file in a temporary folder, or this run's
 * PostgreSQL database — closed (and the folder removed) after the test: `a` migrated, `b` opened
 * on `url` and waiting up to 30 s for the writer.
 */
export async function twoInstances(
  t: TestContext,
): Promise<{ a: Database; b: Database; url: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-instances-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const a = await openTestDatabase(`file:${join(dir, 'shared.db')}`);
  const url = await testDatabaseUrl(a);
  const b = await openDatabase({ url, busyWaitMs: 30_000 });
  t.after(() => {
    b.close();
    a.close();
  });
  return { a, b, url };
}
