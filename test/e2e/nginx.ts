/**
 * Runs Debian's nginx for the end-to-end tests: writes the forward-auth configuration that
 * docs/integration-atlassian.md shows (auth_request to /api/verify, error_page 401 to the login
 * page, all four Remote-* headers set from the verify answer, X-Forwarded-For replaced by the address nginx sees, upstream reached from 127.0.0.3 so only
 * nginx is a trusted proxy) into a temp dir and starts `nginx -p <dir> -c <conf> -g 'daemon off;'`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nginxMainConfig } from '../support/proxy-configs.js';

/** The address nginx connects to the backend from (`proxy_bind`): the only trusted proxy. */
export const NGINX_UPSTREAM_SOURCE = '127.0.0.3';

/**
 * A location behind forward-auth. All four `Remote-*` headers are *set* from the verify answer
 * (`auth_request_set`), so a value the client sent never reaches the application: when the answer
 * has no such header, nginx sends the header empty (Jira's authenticators then see no user).
 */
export function protectedLocation(path: string, upstream: string): string {
  return `    location ${path} {
        auth_request /_ipsafezone_verify;
        auth_request_set $ipsafezone_user $upstream_http_remote_user;
        auth_request_set $ipsafezone_name $upstream_http_remote_name;
        auth_request_set $ipsafezone_email $upstream_http_remote_email;
        auth_request_set $ipsafezone_groups $upstream_http_remote_groups;
        error_page 401 = @ipsafezone_login;
        proxy_set_header Remote-User $ipsafezone_user;
        proxy_set_header Remote-Name $ipsafezone_name;
        proxy_set_header Remote-Email $ipsafezone_email;
        proxy_set_header Remote-Groups $ipsafezone_groups;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_pass ${upstream};
    }`;
}

/** The `server { … }` block in front of the app: the part docs/integration-atlassian.md shows. */
export function forwardAuthServerBlock(listen: string, backend: string, extra = ''): string {
  return `server {
    listen ${listen};
    # Reach the backend from an address of our own, so that only nginx is a trusted proxy there.
    proxy_bind ${NGINX_UPSTREAM_SOURCE};
    # Trap: a location with any proxy_set_header of its own inherits none from here, so every
    # location below repeats the forwarding headers.

    # The policy decision: 200 (with Remote-User) or 401.
    location = /_ipsafezone_verify {
        internal;
        proxy_pass ${backend}/api/verify;
        proxy_pass_request_body off;
        proxy_set_header Content-Length "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
    }

    # Not signed in, or not enough from this address: to the login page, and back afterwards.
    location @ipsafezone_login {
        return 302 /login?return_to=$request_uri;
    }

    # The protected application (Jira/Confluence in production; the demo's sample page here).
${protectedLocation('/demo/app', backend)}

    # The login page, the widget and the login API stay reachable without a session.
    location / {
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_pass ${backend};
    }
${extra}}`;
}

export interface RunningNginx {
  origin: string;
  stop(): Promise<void>;
}

/** The nginx binary: NGINX_PATH, else nginx on PATH, else /usr/sbin/nginx. */
function nginxPath(): string {
  if (process.env.NGINX_PATH) return process.env.NGINX_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/sbin/nginx';
  }
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx on 127.0.0.1:`port` in front of `backend`, and waits until it accepts connections.
 * `extra` goes into the server block; `httpExtra` before it, at http level (e.g. an `upstream`).
 */
export async function startNginx(
  port: number,
  backend: string,
  extra = '',
  httpExtra = '',
): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-nginx-'));
  mkdirSync(join(dir, 'tmp'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    nginxMainConfig(dir, httpExtra + forwardAuthServerBlock(`127.0.0.1:${port}`, backend, extra)),
  );
  const child = spawn(nginxPath(), ['-p', dir, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) {
      let log = '';
      try {
        log = readFileSync(join(dir, 'error.log'), 'utf8');
      } catch {
        // no log written
      }
      await stop();
      throw new Error(`nginx exited (${child.exitCode}): ${err}\n${log}`);
    }
    if (await listening(port)) return { origin: `http://127.0.0.1:${port}`, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`nginx did not start listening: ${err}`);
}
