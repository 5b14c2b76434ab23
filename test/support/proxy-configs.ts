/**
 * Runs what `ipsafezone proxy-config` prints in Debian's nginx and Apache for the tests: wraps the
 * output in the minimal main configuration each needs (nginx: `http { }` with temp paths in a temp
 * prefix; Apache: the modules the output names, a server root in a temp dir), checks it with
 * `nginx -t` / `apache2 -t`, and starts it in the foreground (stopped by its process). The binaries
 * come from NGINX_PATH / APACHE_PATH (scripts/ensure-nginx.sh, ensure-apache.sh) or the usual
 * places.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MODULES = '/usr/lib/apache2/modules';

export const nginxBinary = () => process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const apacheBinary = () => process.env.APACHE_PATH ?? '/usr/sbin/apache2';

export interface ProxyFiles {
  dir: string;
  conf: string;
}

/** nginx's main configuration around `inner` (at http level), with every path in `dir`. */
export function nginxMainConfig(dir: string, inner: string): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    ${inner.replace(/\n/g, '\n    ')}
}
`;
}

/** The generated nginx text inside a main configuration of its own, in a temp dir. */
export function nginxFiles(generated: string): ProxyFiles {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-guard-nginx-'));
  mkdirSync(join(dir, 'tmp'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(join(dir, 'guard.conf'), generated);
  writeFileSync(conf, nginxMainConfig(dir, `include ${dir}/guard.conf;`));
  return { dir, conf };
}

/** The generated Apache text after the modules and server settings it needs, in a temp dir. */
export function apacheFiles(generated: string, tls = false): ProxyFiles {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-guard-apache-'));
  chmodSync(dir, 0o755);
  const conf = join(dir, 'httpd.conf');
  const modules = [
    'mpm_event',
    'authn_core',
    'authz_core',
    'authz_host',
    'authz_user',
    'authnz_fcgi',
    'headers',
    'proxy',
    'proxy_http',
    ...(tls ? ['socache_shmcb', 'ssl'] : []),
  ];
  writeFileSync(join(dir, 'guard.conf'), generated);
  writeFileSync(
    conf,
    `ServerRoot ${dir}
ServerName 127.0.0.1
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel warn
User www-data
Group www-data
${modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`).join('\n')}
Include ${dir}/guard.conf
`,
  );
  return { dir, conf };
}

/** `nginx -t` on the files: status and what it said. */
export function nginxTest(f: ProxyFiles): { status: number | null; output: string } {
  const r = spawnSync(nginxBinary(), ['-t', '-p', f.dir, '-c', f.conf], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `apache2 -t` (what `apache2ctl -t` runs) on the files, with a Listen for the virtual host. */
export function apacheTest(f: ProxyFiles): { status: number | null; output: string } {
  const r = spawnSync(apacheBinary(), ['-t', '-d', f.dir, '-f', f.conf], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export interface RunningProxy {
  stop(): Promise<void>;
  log(): string;
}

/** Starts nginx or Apache in the foreground on the files and waits until `port` accepts. */
export async function startProxy(
  kind: 'nginx' | 'apache',
  f: ProxyFiles,
  port: number,
): Promise<RunningProxy> {
  const child: ChildProcess =
    kind === 'nginx'
      ? spawn(nginxBinary(), ['-p', f.dir, '-c', f.conf, '-g', 'daemon off;'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        })
      : spawn(apacheBinary(), ['-d', f.dir, '-f', f.conf, '-DFOREGROUND'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return err + readFileSync(join(f.dir, 'error.log'), 'utf8');
    } catch {
      return err;
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(kind === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(f.dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return { stop, log };
    await sleep(100);
  }
  const text = log();
  await stop();
  throw new Error(`${kind} did not start:\n${text}`);
}
