/**
 * Runs Debian's Apache with `mod_auth_openidc` (a relying party no one here wrote) for the OpenID
 * Connect end-to-end test: a throw-away configuration in a temp dir, a page under `/protected`
 * that only a signed-in browser reaches and that shows `REMOTE_USER` (from `preferred_username`)
 * through server-side includes. Started as root with `-DFOREGROUND`; it drops to www-data, so the
 * temp dir is made readable. Stopped by its process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MODULES = '/usr/lib/apache2/modules';

export interface ApacheRp {
  origin: string;
  /** The redirect URI mod_auth_openidc uses (register it with the client). */
  redirectUri: string;
  log(): string;
  stop(): Promise<void>;
}

export interface ApacheOptions {
  port: number;
  issuer: string;
  clientId: string;
  secret: string;
}

export async function startApache(o: ApacheOptions): Promise<ApacheRp> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-apache-'));
  chmodSync(dir, 0o755);
  const origin = `http://127.0.0.1:${o.port}`;
  const redirectUri = `${origin}/protected/redirect_uri`;
  mkdirSync(join(dir, 'htdocs', 'protected'), { recursive: true });
  writeFileSync(
    join(dir, 'htdocs', 'protected', 'index.shtml'),
    '<!doctype html><title>Protected</title><p id="user">REMOTE_USER=<!--#echo var="REMOTE_USER" --></p>' +
      '<p id="email"><!--#echo var="OIDC_CLAIM_email" --></p>\n',
  );
  writeFileSync(
    join(dir, 'httpd.conf'),
    `ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${o.port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel warn auth_openidc:info
User www-data
Group www-data
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authn_core_module ${MODULES}/mod_authn_core.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_user_module ${MODULES}/mod_authz_user.so
LoadModule mime_module ${MODULES}/mod_mime.so
LoadModule include_module ${MODULES}/mod_include.so
LoadModule auth_openidc_module ${MODULES}/mod_auth_openidc.so
DocumentRoot ${dir}/htdocs
TypesConfig /etc/mime.types
AddOutputFilter INCLUDES .shtml
AddType text/html .shtml

# The relying party, as docs/oidc.md shows it.
OIDCProviderMetadataURL ${o.issuer}/.well-known/openid-configuration
OIDCClientID ${o.clientId}
OIDCClientSecret ${o.secret}
OIDCRedirectURI ${redirectUri}
OIDCCryptoPassphrase ${randomBytes(24).toString('hex')}
OIDCScope "openid profile email groups"
OIDCRemoteUserClaim preferred_username
OIDCPassClaimsAs environment

<Directory ${dir}/htdocs>
    Options +Includes
    Require all granted
</Directory>
<Location /protected>
    AuthType openid-connect
    Require valid-user
</Location>
`,
  );
  const child: ChildProcess = spawn(
    process.env.APACHE_PATH ?? '/usr/sbin/apache2',
    ['-d', dir, '-f', join(dir, 'httpd.conf'), '-DFOREGROUND'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    let file = '';
    try {
      file = readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      // not written yet
    }
    return out + file;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(o.port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return { origin, redirectUri, log, stop };
    await sleep(100);
  }
  const text = log();
  await stop();
  throw new Error(`Apache did not start:\n${text}`);
}
