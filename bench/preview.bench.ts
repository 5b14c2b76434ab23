// The policy preview's benchmark (`npm run bench:preview`, issue 27): a database file with 100,000
// users and 1,000,000 recorded sign-ins and forward-auth grants over 30 days, written in SQL the
// way the doors write them (the replay columns of migration 013); then a zone change previewed —
// a branch office's zone removed — through the same domain function the admin API and the CLI
// call. Ends with `preview-ms-1m-signins: N`, the median of the timed runs (target ≤ 1,000 here).
// Also prints, for information, a settings change (two-step on), which replays every sign-in.
// Seeded: the same users, addresses and days every run. `BENCH_RUNS` (default 5) timed runs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.js';
import { ManualClock } from '../server/platform/clock.js';
import { previewPolicy, type PolicyDraft } from '../server/domain/policy-preview.js';
import type { Database } from '../server/db/database.js';

const USERS = 100_000;
const SIGN_INS = 1_000_000;
const DAYS = 30;
const BRANCHES = 20;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);

/** The zones: the head office 10.0.0.0/16, twenty branches 10.{10+b}.0.0/16, the VPN pool. */
function zones(without?: string) {
  const all = [
    { name: 'Head office', ranges: ['10.0.0.0/16'] },
    ...Array.from({ length: BRANCHES }, (_, b) => ({
      name: `Branch ${b + 1}`,
      ranges: [`10.${10 + b}.0.0/16`],
    })),
    { name: 'VPN', ranges: ['172.16.0.0/16'] },
  ];
  return all.filter((z) => z.name !== without);
}

async function seed(db: Database): Promise<void> {
  const at = NOW - 60_000;
  await db.batch(
    [
      ...zones().map((z, i) => ({
        sql: `INSERT INTO zones (name, name_key, ranges, enabled, force, note, created_at, updated_at, updated_by)
              VALUES (?, ?, ?, 1, 0, '', ?, ?, 'bench')`,
        args: [z.name, z.name.toLowerCase(), JSON.stringify(z.ranges), at + i, at + i],
      })),
      // Users: u0 the administrator; one in two has a SecSign ID, one in ten an authenticator app.
      // The password hash is a placeholder: nobody signs in, the preview only reads.
      `WITH RECURSIVE n(u) AS (SELECT 0 UNION ALL SELECT u + 1 FROM n WHERE u < ${USERS - 1})
       INSERT INTO users (username, username_key, display_name, email, role, disabled, secsign_id,
                          password_hash, created_at, updated_at)
       SELECT 'user' || u, 'user' || u, 'User ' || u, '', CASE WHEN u = 0 THEN 'admin' ELSE 'user' END,
              0, CASE WHEN u % 2 = 0 THEN 'user' || u || '.id' END, 'bench-placeholder', ${at}, ${at}
       FROM n`,
      `INSERT INTO user_factors (user_id, factor, label, data, created_at)
       SELECT id, 'totp', 'phone', '{}', ${at} FROM users WHERE id % 10 = 3`,
      `UPDATE settings SET ipsafezone_active = 1 WHERE id = 1`,
      // The history below is a month of recording: the replay columns' migration ran before it.
      `UPDATE schema_migrations SET applied_at = ${NOW - (DAYS + 1) * DAY_MS} WHERE name = 'policy-replay'`,
    ],
    'write',
  );
  // Each user works in one place (head office, a branch, or through the VPN) at one address there,
  // and signs in from home at one of two addresses. Six sign-ins in ten are from work with the
  // password; three from home with SecSign ID (or password + code); one a forward-auth grant.
  await db.execute(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SIGN_INS - 1}),
    s AS (
      SELECT i, (i * 7919) % ${USERS} AS u, i % ${DAYS} AS d, i % 10 AS kind FROM n
    ),
    a AS (
      SELECT i, u, d, kind,
        CASE
          WHEN kind < 7 THEN
            CASE WHEN u % 10 < 4 THEN (10 << 24) + ((u % 65000) + 256)
                 WHEN u % 10 < 9 THEN (10 << 24) + ((10 + (u / 10) % ${BRANCHES}) << 16) + (u % 60000) + 256
                 ELSE (172 << 24) + (16 << 16) + (u % 60000) + 256 END
          ELSE (80 << 24) + ((u % 200) << 16) + ((u / 200) << 1) + (i % 2) + 1
        END AS ip
      FROM s
    )
    INSERT INTO audit_log (at, actor, action, username, client_ip, client_reason, zone, required,
                           outcome, details, factors, address_key, peer_ip, forwarded)
    SELECT ${NOW} - (d + 1) * ${DAY_MS} + (i * 104729) % ${DAY_MS},
           'user' || u, CASE WHEN kind = 9 THEN 'verify' ELSE 'login.success' END, 'user' || u,
           printf('%d.%d.%d.%d', ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255),
           'no trusted proxies configured; socket peer', NULL, NULL,
           CASE WHEN kind = 9 THEN 'granted' ELSE 'signed_in' END, '{"reason":"bench"}',
           CASE WHEN kind < 7 OR kind = 9 THEN 'password'
                WHEN u % 2 = 0 THEN 'secsign' ELSE 'password+totp' END,
           printf('4%08x', ip),
           printf('%d.%d.%d.%d', ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255), NULL
    FROM a`);
}

async function timed(db: Database, draft: PolicyDraft): Promise<{ ms: number[]; summary: string }> {
  const clock = new ManualClock(NOW);
  const deps = {
    db,
    clock,
    clientAddress: { trustedProxies: [], header: 'x-forwarded-for' as const },
  };
  const ms: number[] = [];
  let summary = '';
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = performance.now();
    const p = await previewPolicy(deps, draft);
    const t = performance.now() - t0;
    if (r > 0) ms.push(t); // the first run warms the page cache and the JIT
    const t2 = p.totals;
    summary = `${p.changes.join('; ')}: ${t2.needs_second_factor.users} users would need a second factor, ${t2.stopped.users} would be stopped, ${t2.no_longer_needs.users} would need less (of ${p.signIns.replayed} sign-ins)`;
  }
  return { ms, summary };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// BENCH_PREVIEW_DB=path keeps the seeded file there and reuses it on the next run.
const keep = process.env['BENCH_PREVIEW_DB'];
const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-bench-preview-'));
try {
  const file = keep ?? join(dir, 'preview.db');
  const reuse = keep !== undefined && existsSync(keep);
  const db = await openDatabase({ url: `file:${file}` });
  const t0 = performance.now();
  if (!reuse) {
    await seed(db);
    await db.execute('ANALYZE');
  }
  const n = await db.execute('SELECT count(*) AS n FROM audit_log WHERE factors IS NOT NULL');
  console.log(
    `${reuse ? 'reused' : 'seeded'} ${USERS} users and ${String(n.rows[0]!.n)} sign-ins over ${DAYS} days (${Math.round(performance.now() - t0)} ms)`,
  );
  const zone = await timed(db, { zones: zones('Branch 7') });
  console.log(zone.summary);
  console.log(`  zone change, ${RUNS} runs: ${zone.ms.map((m) => Math.round(m)).join(', ')} ms`);
  const twoStep = await timed(db, { twoStepActive: true });
  console.log(twoStep.summary);
  console.log(
    `  settings change, ${RUNS} runs: ${twoStep.ms.map((m) => Math.round(m)).join(', ')} ms`,
  );
  console.log(`preview-ms-settings-change: ${Math.round(median(twoStep.ms))}`);
  console.log(`preview-ms-1m-signins: ${Math.round(median(zone.ms))}`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
