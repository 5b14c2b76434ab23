/**
 * A throw-away OpenLDAP server for the LDAP directory tests: writes a `slapd.conf` (back_mdb, the
 * core/cosine/inetorgperson schemas, the memberof overlay so entries carry `memberOf`), loads a
 * seed LDIF with `slapadd`, starts Debian's `slapd` on a loopback port and stops it by its pid.
 * With `tls` it also makes a test CA and a server certificate with openssl, so StartTLS and LDAPS
 * run against a real handshake. scripts/ensure-slapd.sh installs slapd when it is missing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const BASE_DN = 'dc=example,dc=test';
export const ROOT_DN = `cn=admin,${BASE_DN}`;
export const ROOT_PASSWORD = 'root secret';
export const SERVICE_DN = `cn=ipsafezone,ou=services,${BASE_DN}`;
export const SERVICE_PASSWORD = 'service secret';

export interface SlapdOptions {
  /** LDIF loaded with slapadd after the base entries (people…); `userPassword: plain:<text>` is hashed. */
  seed: string;
  /** LDIF added with ldapadd once slapd runs (groups: the memberof overlay then fills `memberOf`). */
  online?: string;
  /** Also make a test CA and serve StartTLS on the ldap:// port and LDAPS on a second port. */
  tls?: boolean;
}

export interface Slapd {
  /** `ldap://127.0.0.1:<port>` */
  url: string;
  /** `ldap://localhost:<port>`: the name the test certificate is made out to (127.0.0.1 is not in it). */
  localhostUrl: string;
  /** `ldaps://localhost:<port>` when started with tls. */
  ldapsUrl: string | null;
  /** The test CA's certificate (PEM) when started with tls. */
  caPem: string | null;
  /** Stops slapd (SIGTERM, then waits for it to exit). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port(s) and data, after stop(). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

function slapdPath(): string {
  return process.env.SLAPD_PATH || '/usr/sbin/slapd';
}

function slapaddPath(): string {
  return slapdPath().replace(/slapd$/, 'slapadd');
}

/** A free loopback port (taken from the OS, then released for slapd). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** The password hash slapd stores (`{SSHA}`), made with slappasswd. */
async function ssha(password: string): Promise<string> {
  const { stdout } = await run(slapdPath().replace(/slapd$/, 'slappasswd'), ['-s', password]);
  return stdout.trim();
}

async function makeTls(dir: string): Promise<void> {
  const o = (...args: string[]) => run('openssl', args, { cwd: dir });
  await o(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=ipsafezone test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  await o(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  await writeFile(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost\n');
  await o(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
    '-out',
    'server.pem',
  );
}

/** Starts a fresh slapd with the base entries and `seed`. */
export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  const dir = await mkdtemp(join(tmpdir(), 'ipsafezone-slapd-'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  if (options.tls) await makeTls(dir);
  const conf = [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'include /etc/ldap/schema/nis.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload memberof',
    `pidfile ${join(dir, 'slapd.pid')}`,
    ...(options.tls
      ? [
          `TLSCACertificateFile ${join(dir, 'ca.pem')}`,
          `TLSCertificateFile ${join(dir, 'server.pem')}`,
          `TLSCertificateKeyFile ${join(dir, 'server.key')}`,
        ]
      : []),
    'database mdb',
    'maxsize 10485760',
    `suffix "${BASE_DN}"`,
    `rootdn "${ROOT_DN}"`,
    `rootpw ${await ssha(ROOT_PASSWORD)}`,
    `directory ${join(dir, 'data')}`,
    'overlay memberof',
    'access to attrs=userPassword by self =xw by anonymous auth by * none',
    'access to * by dn.exact="' + SERVICE_DN + '" read by self read by * none',
    '',
  ].join('\n');
  await run('mkdir', ['-p', join(dir, 'data')]);
  await writeFile(join(dir, 'slapd.conf'), conf);
  const base = [
    `dn: ${BASE_DN}`,
    'objectClass: dcObject',
    'objectClass: organization',
    'o: Example',
    'dc: example',
    '',
    `dn: ou=services,${BASE_DN}`,
    'objectClass: organizationalUnit',
    'ou: services',
    '',
    `dn: ${SERVICE_DN}`,
    'objectClass: person',
    'cn: ipsafezone',
    'sn: service',
    `userPassword: ${await ssha(SERVICE_PASSWORD)}`,
    '',
  ].join('\n');
  // Hash every `userPassword: plain:<text>` in the seed the way a real directory stores it.
  let seed = options.seed;
  for (const m of [...seed.matchAll(/^userPassword: plain:(.*)$/gm)]) {
    seed = seed.replace(m[0], `userPassword: ${await ssha(m[1]!)}`);
  }
  await writeFile(join(dir, 'seed.ldif'), `${base}\n${seed}\n`);
  const confPath = join(dir, 'slapd.conf');
  await run(slapdPath(), ['-Ttest', '-f', confPath, '-u']);
  await run(slapaddPath(), ['-f', confPath, '-l', join(dir, 'seed.ldif')]);

  const urls = [`ldap://127.0.0.1:${port}/`];
  if (tlsPort !== null) urls.push(`ldaps://127.0.0.1:${tlsPort}/`);
  let pid: number | null = null;

  const start = async () => {
    const child = spawn(slapdPath(), ['-f', confPath, '-h', urls.join(' '), '-d', '0'], {
      stdio: 'ignore',
    });
    child.unref();
    // -d 0 keeps slapd in the foreground: its pid is ours to stop.
    pid = child.pid ?? null;
    await waitForPort(port);
    if (tlsPort !== null) await waitForPort(tlsPort);
  };
  const stop = async () => {
    if (pid === null) return;
    const p = pid;
    pid = null;
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(p, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(p, 'SIGKILL');
  };
  await start();
  if (options.online) {
    await writeFile(join(dir, 'online.ldif'), options.online);
    await run('ldapadd', [
      '-x',
      '-H',
      urls[0]!,
      '-D',
      ROOT_DN,
      '-w',
      ROOT_PASSWORD,
      '-f',
      join(dir, 'online.ldif'),
    ]);
  }
  return {
    url: `ldap://127.0.0.1:${port}`,
    localhostUrl: `ldap://localhost:${port}`,
    ldapsUrl: tlsPort === null ? null : `ldaps://localhost:${tlsPort}`,
    caPem: options.tls ? await readFile(join(dir, 'ca.pem'), 'utf8') : null,
    stop,
    start,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until something accepts connections on the loopback port (slapd is up). */
async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`slapd did not start listening on port ${port}`);
}
