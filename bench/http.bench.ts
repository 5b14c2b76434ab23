// `npm run bench:http`: the doors measured over real HTTP on loopback, side by side with a bare
// Hono route in the same run (docs/performance.md explains the method). It seeds a database file,
// starts the production server (`server/main.ts`, trusted proxy 127.0.0.1 so X-Forwarded-For names
// the client) and a bare Hono app as child processes, drives them with autocannon and stops them.
// Prints one `name: value` line per figure; every other line starts with `#`.
// `BENCH_DATABASE=postgres` runs the same on PostgreSQL (issue 26): a throw-away cluster from
// Debian's packages (test/support/postgres.ts; fsync off there, as the libSQL file's
// `synchronous=normal` does not flush each commit either), a new database in it for the run.
import autocannon from 'autocannon';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PASSWORD, seedBenchDatabase } from './http-seed.js';
import { startApp, startChild, stop, type Child } from './child-process.js';
import { freshPostgresDatabase } from '../test/support/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const LOGIN_USERS = 60;
const LOGIN_CONNECTIONS = 8;
const ZONE_RATE_UNDER_LOAD = 200;
const INSIDE = '10.1.0.1';
/** The fixed rate of the CPU-time passes: well below saturation, so the figure is the server's own. */
const CPU_PASS_RATE = 3_000;

/** The process's CPU time so far (user + system), in µs, from /proc (Linux); null elsewhere. */
function cpuMicros(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  // Fields after the command name: state is 3rd, utime 14th, stime 15th (clock ticks, 100 per s).
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function run(opts: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ duration: SECONDS, ...opts });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(
      `${opts.title}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

function line(name: string, value: number, digits = 3): void {
  console.log(`${name}: ${Number(value.toFixed(digits))}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-bench-http-'));
  const children: Child[] = [];
  try {
    const onPostgres = process.env.BENCH_DATABASE === 'postgres';
    const url = onPostgres
      ? (await freshPostgresDatabase({ empty: true })).url
      : `file:${join(dir, 'bench.db')}`;
    console.log(`# database: ${onPostgres ? 'PostgreSQL' : 'libSQL file'}`);
    const seeded = await seedBenchDatabase(url, { users: LOGIN_USERS, ranges: ['10.0.0.0/8'] });

    const t0 = performance.now();
    const app = await startApp(url, {
      IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.1',
      IPSAFEZONE_CLIENT_IP_HEADER: 'x-forwarded-for',
    });
    children.push(app);
    const base = `http://127.0.0.1:${app.port}`;
    const zoneRes = await fetch(`${base}/api/zone`, { headers: { 'x-forwarded-for': INSIDE } });
    const startupMs = performance.now() - t0;
    const zoneBody = await zoneRes.text();
    if (zoneRes.status !== 200 || !JSON.parse(zoneBody).inside) {
      throw new Error(`unexpected /api/zone answer ${zoneRes.status}: ${zoneBody}`);
    }

    const bare = await startChild('bench/bare-hono.ts', { PORT: '0', BODY: zoneBody }, (l) => {
      const m = /^listening (\d+)/.exec(l);
      return m ? Number(m[1]) : null;
    });
    children.push(bare);

    const inside = { 'x-forwarded-for': INSIDE };
    const cookie = `ipsafezone_session=${seeded.sessionToken}`;
    const verifyCheck = await fetch(`${base}/api/verify`, { headers: { ...inside, cookie } });
    if (verifyCheck.status !== 200) {
      throw new Error(`/api/verify answered ${verifyCheck.status}: ${await verifyCheck.text()}`);
    }

    // Warm-up (JIT, connection pools), not counted.
    await run({
      title: 'warm-up',
      url: `${base}/api/zone`,
      headers: inside,
      connections: 10,
      duration: 2,
    });

    const bareR = await run({
      title: 'bare',
      url: `http://127.0.0.1:${bare.port}/api/zone`,
      connections: CONNECTIONS,
    });
    const zoneR = await run({
      title: 'zone',
      url: `${base}/api/zone`,
      headers: inside,
      connections: CONNECTIONS,
    });
    const verifyR = await run({
      title: 'verify',
      url: `${base}/api/verify`,
      headers: { ...inside, cookie },
      connections: CONNECTIONS,
    });

    // Logins: 60 users cycling, each from its own inside address (10.2.0.n).
    let next = 0;
    const loginOptions = (duration: number): autocannon.Options => ({
      title: 'logins',
      url: `${base}/api/login/password`,
      method: 'POST',
      connections: LOGIN_CONNECTIONS,
      duration,
      requests: [
        {
          setupRequest: (req) => {
            const i = next++ % LOGIN_USERS;
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                origin: base,
                'x-forwarded-for': `10.2.0.${i + 1}`,
              },
              body: JSON.stringify({ username: seeded.usernames[i], password: BENCH_PASSWORD }),
            };
          },
        },
      ],
    });
    const loginR = await run(loginOptions(SECONDS));

    // The zone door at a steady 200 req/s while logins saturate the CPU.
    const [, underLoad] = await Promise.all([
      run(loginOptions(SECONDS)),
      run({
        title: 'zone under login load',
        url: `${base}/api/zone`,
        headers: inside,
        connections: 10,
        overallRate: ZONE_RATE_UNDER_LOAD,
      }),
    ]);

    // CPU time per request at a fixed rate: the throughput ratios above move with the bare
    // route's own noise on a shared machine; the server's CPU per answer does much less
    // (docs/performance.md, "/api/verify after the house redesign").
    const cpuPerRequest = async (title: string, path: string, headers: Record<string, string>) => {
      const before = cpuMicros(app.proc.pid!);
      const r = await run({
        title,
        url: `${base}${path}`,
        headers,
        connections: 10,
        overallRate: CPU_PASS_RATE,
      });
      const after = cpuMicros(app.proc.pid!);
      return before === null || after === null ? null : (after - before) / r.requests.total;
    };
    const zoneCpu = await cpuPerRequest('zone CPU', '/api/zone', inside);
    const verifyCpu = await cpuPerRequest('verify CPU', '/api/verify', { ...inside, cookie });

    console.log(
      `# bare Hono: ${Math.round(bareR.requests.average)} req/s, p99 ${bareR.latency.p99} ms`,
    );
    console.log(
      `# /api/zone: ${Math.round(zoneR.requests.average)} req/s, p99 ${zoneR.latency.p99} ms`,
    );
    console.log(
      `# /api/verify: ${Math.round(verifyR.requests.average)} req/s, p99 ${verifyR.latency.p99} ms`,
    );
    console.log(
      `# logins: p99 ${loginR.latency.p99} ms; ${SECONDS} s per run, ${CONNECTIONS} connections`,
    );
    line('http-zone-ratio', zoneR.requests.average / bareR.requests.average);
    line('http-verify-ratio', verifyR.requests.average / bareR.requests.average);
    line('http-logins-per-s', loginR.requests.average, 0);
    line('http-zone-p99-under-login-load-ms', underLoad.latency.p99, 1);
    line('startup-ms', startupMs, 0);
    if (zoneCpu !== null && verifyCpu !== null) {
      console.log(
        `# CPU passes: ${CPU_PASS_RATE} req/s for ${SECONDS} s each, server process only`,
      );
      line('http-zone-cpu-us-per-request', zoneCpu, 1);
      line('http-verify-cpu-us-per-request', verifyCpu, 1);
    }
  } finally {
    await Promise.all(children.map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
