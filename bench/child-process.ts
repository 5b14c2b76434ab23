// Child processes for the HTTP and page benchmarks: the production server and the bare
// yardsticks run in their own processes, so the load generator does not share their event loop.
// The server is started as production starts it: `node build/server/main.js` (npm start) when the
// compiled server exists (npm run build), else `node --import tsx server/main.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Child {
  proc: ChildProcess;
  port: number;
}

/** Starts `node [--import tsx] <script>` and resolves once `ready(line)` finds the port. */
export function startChild(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: (line: string) => number | null,
): Promise<Child> {
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS: extra Node flags for the children, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`.
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const args = [...extra, ...(script.endsWith('.js') ? [script] : ['--import', 'tsx', script])];
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    // Kept reading after start-up: an unread pipe would hold up a server that logs each request.
    const onData = (chunk: Buffer) => {
      if (started) return;
      out += chunk.toString();
      for (const line of out.split('\n')) {
        const port = ready(line);
        if (port !== null) {
          started = true;
          out = '';
          resolve({ proc, port });
          return;
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => process.stderr.write(`# [${script}] ${d.toString()}`));
    proc.on('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
}

export function stop(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null) return resolve();
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGTERM');
  });
}

/** Starts the ipsafezone server on `databaseUrl`, loopback, a free port. */
export function startApp(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const built = join(ROOT, 'build', 'server', 'main.js');
  return startChild(
    existsSync(built) ? built : 'server/main.ts',
    {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      IPSAFEZONE_EMBEDDED_SECSIGN: 'false',
      NODE_ENV: 'production',
      ...env,
    },
    (l) => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(l);
      return m ? Number(m[1]) : null;
    },
  );
}
