// Measures a newcomer's wait: spawns `npm run demo` (the build of what changed, then the compiled
// server in demo mode) on a fresh database in a temporary folder and times from spawn to the first
// answered demo page (GET /, 200). Prints the build's own lines (which steps ran, and why) and
// ends with `demo-first-page-seconds: <s>`. On an unchanged tree that is the warm figure; after
// `rm -rf dist build` the cold one; after editing a source, the build of that part.
// Usage: `npx tsx scripts/measure-demo-start.ts [--port 18790]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '18790' } } });
const port = Number(values.port);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ipsz-demo-start-'));

const start = performance.now();
const child = spawn('npm', ['run', '--silent', 'demo'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: `file:${join(dir, 'demo.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
  // Its own process group, so the server npm started is stopped with it.
  detached: true,
});
child.stdout.on('data', (chunk: Buffer) => {
  for (const line of chunk.toString().split('\n')) if (line.startsWith('build:')) console.log(line);
});
let exited = false;
child.once('exit', () => (exited = true));
try {
  for (;;) {
    if (exited) throw new Error('npm run demo ended before it answered');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`demo-first-page-seconds: ${((performance.now() - start) / 1000).toFixed(1)}`);
} finally {
  if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => (exited ? r(null) : child.once('exit', r)));
  rmSync(dir, { recursive: true, force: true });
}
