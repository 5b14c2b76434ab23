// Measures `npm start`'s start-up: spawns `node build/server/main.js` on a prepared database and times
// from spawn to the first answered request (GET /readyz, 200), five times, printing the median.
// With `--zones 100 --ranges 1000` the database first gets that many zones of that many ranges.
// Run after `npm run build`: `npx tsx scripts/measure-startup.ts [--zones N --ranges M]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/open.js';

const { values } = parseArgs({
  options: { zones: { type: 'string', default: '0' }, ranges: { type: 'string', default: '0' } },
});
const zones = Number(values.zones);
const ranges = Number(values.ranges);
const dir = mkdtempSync(join(tmpdir(), 'ipsz-startup-'));
const url = `file:${join(dir, 'app.db')}`;
const db = await openDatabase({ url });
for (let z = 0; z < zones; z++) {
  const list: string[] = [];
  for (let r = 0; r < ranges; r++) {
    const n = z * ranges + r;
    list.push(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}/32`);
  }
  await db.execute({
    sql: `INSERT INTO zones (name, name_key, ranges, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`,
    args: [`Zone ${z}`, `zone ${z}`, JSON.stringify(list)],
  });
}
await db.execute("UPDATE change_counters SET value = value + 1 WHERE name = 'zones'");
db.close();

async function once(port: number): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['build/server/main.js'], {
    env: { PATH: process.env.PATH, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - start;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const times: number[] = [];
for (let i = 0; i < 5; i++) times.push(await once(18_700 + i));
times.sort((a, b) => a - b);
console.log(
  `start-up to first answered request (${zones} zones x ${ranges} ranges): median ${times[2]!.toFixed(0)} ms ` +
    `(runs: ${times.map((t) => t.toFixed(0)).join(', ')})`,
);
rmSync(dir, { recursive: true, force: true });
