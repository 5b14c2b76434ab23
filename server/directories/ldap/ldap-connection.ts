/**
 * One short-lived, protected LDAP connection bound as the service account: LDAPS or StartTLS with
 * the configured CA (certificates always verified), plain LDAP only when explicitly allowed, every
 * operation and the connect bounded by the directory's time-out, and the whole piece of work
 * bounded too, so a directory that hangs becomes `unavailable` instead of holding a login open.
 * Faults come out as `DirectoryError`s worded for an administrator.
 */
import { Client, InvalidCredentialsError } from 'ldapts';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { DirectoryError } from '../types.js';
import type { LdapSettings } from './ldap-settings.js';

function tlsOptions(s: LdapSettings): ConnectionOptions {
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(s.caPem.trim() !== '' ? { ca: s.caPem } : {}),
  };
}

/** Words an administrator can act on, for a connection-level fault. */
export function describeLdapFault(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { code?: unknown };
  const msg = e?.message ?? String(err);
  if (e?.code === 'ECONNREFUSED') return `The directory refused the connection (${msg}).`;
  if (e?.code === 'ENOTFOUND') return `The directory's host name is unknown (${msg}).`;
  if (typeof e?.code === 'string' && /CERT|SELF_SIGNED|HOSTNAME|ALTNAME|UNABLE_TO/.test(e.code))
    return `The directory's TLS certificate was not accepted: ${msg}`;
  if (/timeout|timed out/i.test(msg)) return `The directory did not answer in time (${msg}).`;
  return `The directory could not be used: ${msg}`;
}

/** Rejects after `ms` with a time-out `DirectoryError`; `onTimeout` tears the connection down. */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new DirectoryError(`The directory did not answer within ${ms} ms.`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens a connection, protects it, binds as the service account, runs `fn`, and closes the
 * connection again. Throws `DirectoryError` for every fault outside `fn`'s own handling.
 */
export async function withServiceConnection<T>(
  s: LdapSettings,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  if (s.security === 'plain' && !s.allowPlain)
    throw new DirectoryError(
      'Plain LDAP is not allowed for this directory: use LDAPS or StartTLS.',
    );
  const client = new Client({
    url: s.url,
    timeout: s.timeoutMs,
    connectTimeout: s.timeoutMs,
    // Given for ldaps:// only: ldapts opens TLS at once whenever TLS options are present.
    ...(s.security === 'ldaps' ? { tlsOptions: tlsOptions(s) } : {}),
    strictDN: false,
  });
  const work = async () => {
    try {
      if (s.security === 'starttls') {
        // ldapts upgrades the socket without a host name; Node would then check the certificate
        // against "localhost". Name the host from the URL so the certificate is checked for it.
        const host = new URL(s.url).hostname.replace(/^\[|\]$/g, '');
        await client.startTLS({
          ...tlsOptions(s),
          host,
          ...(isIP(host) === 0 ? { servername: host } : {}),
        });
      }
    } catch (err) {
      throw new DirectoryError(describeLdapFault(err));
    }
    try {
      await client.bind(s.bindDn, s.bindPassword);
    } catch (err) {
      if (err instanceof InvalidCredentialsError)
        throw new DirectoryError(
          'The directory refused the service account (check the bind DN and password).',
        );
      throw new DirectoryError(describeLdapFault(err));
    }
    return fn(client);
  };
  try {
    // Time for connect, TLS, service bind and the caller's few operations.
    return await withDeadline(work(), s.timeoutMs * 3, () => void client.unbind().catch(() => {}));
  } catch (err) {
    if (err instanceof DirectoryError) throw err;
    throw new DirectoryError(describeLdapFault(err));
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
