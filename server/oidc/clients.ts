/**
 * The relying parties ipsafezone signs users into (Jira, Confluence, Grafana …), one row each in
 * `oidc_clients`. Secrets are generated (256 random bits) or given (at least 32 characters) and only
 * their SHA-256 is stored — enough for a high-entropy secret, and cheap on every token request —
 * so a copy of the database signs no one in. Redirect URIs are absolute http(s) URLs without a
 * fragment and are matched exactly by the provider. Shared by the CLI and the admin API.
 */
import { num, str } from '../store/rows.js';
import { bySql } from '../db/dialect.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';

export interface OidcClientView {
  clientId: string;
  name: string;
  /** False for a public client (no secret; PKCE required). */
  confidential: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  createdAt: number;
  updatedAt: number;
}

export interface NewOidcClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** A public client has no secret (browser or mobile apps); it must use PKCE. */
  public?: boolean;
  /** The secret to store (hashed); omitted: one is generated and returned once. */
  secret?: string;
}

export const MIN_SECRET_LENGTH = 32;
const CLIENT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const clientNotFound = (id: string) =>
  new AppError(404, 'oidc_client_not_found', `There is no OpenID Connect client "${id}".`);

/** `sha256:<hex>` of a client secret, as stored. */
export function hashClientSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Constant-time check of a presented secret against the stored hash. */
export function clientSecretMatches(stored: string | undefined, presented: unknown): boolean {
  if (typeof stored !== 'string' || typeof presented !== 'string' || presented === '') return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(hashClientSecret(presented));
  return a.length === b.length && timingSafeEqual(a, b);
}

export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

function checkRedirectUri(uri: string, field: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new AppError(422, 'invalid_redirect_uri', `${field}: "${uri}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError(422, 'invalid_redirect_uri', `${field}: "${uri}" must use https (or http).`);
  if (url.hash || uri.includes('#'))
    throw new AppError(
      422,
      'invalid_redirect_uri',
      `${field}: "${uri}" must not have a #fragment.`,
    );
  if (url.username || url.password)
    throw new AppError(
      422,
      'invalid_redirect_uri',
      `${field}: "${uri}" must not carry a user name.`,
    );
  return uri;
}

/**
 * A secret is printable ASCII (RFC 6749 appendix A.2, `*VSCHAR`; we also refuse the space): the
 * provider refuses any other character in a client_secret_basic header, so a secret with one
 * would be stored and never work.
 */
function checkSecret(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH || !/^[\x21-\x7e]+$/.test(secret))
    throw new AppError(
      422,
      'weak_client_secret',
      `A client secret needs at least ${MIN_SECRET_LENGTH} characters: letters, digits and punctuation of plain ASCII, no spaces; leave it out to have one generated.`,
    );
  return secret;
}

/** Adds a client; returns it and the secret in clear (shown once, never stored). */
export async function addOidcClient(
  db: Database,
  clock: Clock,
  input: NewOidcClient,
): Promise<{ client: OidcClientView; secret: string | null }> {
  if (!CLIENT_ID_RE.test(input.clientId))
    throw new AppError(
      422,
      'invalid_client_id',
      'A client id has 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    );
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    throw new AppError(422, 'invalid_client_name', 'A client needs a name of 1 to 100 characters.');
  if (input.redirectUris.length === 0)
    throw new AppError(422, 'invalid_redirect_uri', 'A client needs at least one redirect URI.');
  const redirects = input.redirectUris.map((u) => checkRedirectUri(u, 'redirect URI'));
  const logouts = (input.postLogoutRedirectUris ?? []).map((u) =>
    checkRedirectUri(u, 'post-logout redirect URI'),
  );
  if (input.public && input.secret !== undefined)
    throw new AppError(422, 'public_client_secret', 'A public client has no secret.');
  const secret = input.public ? null : checkSecret(input.secret ?? generateClientSecret());
  const now = clock.now();
  try {
    await db.execute({
      sql: `INSERT INTO oidc_clients (client_id, name, secret_hash, redirect_uris, post_logout_redirect_uris, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [
        input.clientId,
        name,
        secret === null ? null : hashClientSecret(secret),
        JSON.stringify(redirects),
        JSON.stringify(logouts),
        now,
        now,
      ],
    });
  } catch (err) {
    if (/UNIQUE|PRIMARY KEY/i.test(String(err)))
      throw new AppError(409, 'oidc_client_exists', `A client "${input.clientId}" exists already.`);
    throw err;
  }
  return {
    client: (await findOidcClient(db, input.clientId))!,
    secret: input.secret ? null : secret,
  };
}

export async function findOidcClient(
  db: Database,
  clientId: string,
): Promise<OidcClientView | null> {
  const rs = await db.execute({
    sql: 'SELECT * FROM oidc_clients WHERE client_id = ?',
    args: [clientId],
  });
  return rs.rows[0] ? toView(rs.rows[0]) : null;
}

export async function listOidcClients(db: Database): Promise<OidcClientView[]> {
  const rs = await db.execute('SELECT * FROM oidc_clients ORDER BY client_id');
  return rs.rows.map(toView);
}

/** Removes a client and everything issued to it (codes, tokens, grants). */
export async function removeOidcClient(db: Database, clientId: string): Promise<void> {
  const rs = await db.batch(
    [
      { sql: 'DELETE FROM oidc_clients WHERE client_id = ?', args: [clientId] },
      {
        sql: bySql(db, {
          sqlite: `DELETE FROM oidc_store WHERE model <> 'Session' AND json_extract(payload, '$.clientId') = ?`,
          postgres: `DELETE FROM oidc_store WHERE model <> 'Session' AND payload::jsonb ->> 'clientId' = ?`,
        }),
        args: [clientId],
      },
    ],
    'write',
  );
  if (rs[0]!.rowsAffected === 0) throw clientNotFound(clientId);
}

/** Replaces a confidential client's secret; the old one stops working at once. */
export async function rotateOidcClientSecret(
  db: Database,
  clock: Clock,
  clientId: string,
  given?: string,
): Promise<string> {
  const existing = await findOidcClient(db, clientId);
  if (!existing) throw clientNotFound(clientId);
  if (!existing.confidential)
    throw new AppError(
      409,
      'public_client_secret',
      `"${clientId}" is a public client: it has no secret.`,
    );
  const secret = checkSecret(given ?? generateClientSecret());
  await db.execute({
    sql: 'UPDATE oidc_clients SET secret_hash = ?, updated_at = ? WHERE client_id = ?',
    args: [hashClientSecret(secret), clock.now(), clientId],
  });
  return secret;
}

/**
 * The client as `oidc-provider` reads it. `client_secret` carries the *hash*; the provider's secret
 * comparison is replaced by `clientSecretMatches` (provider.ts), and only asymmetric signing
 * algorithms are enabled, so the hash is never used as a key.
 */
export async function clientMetadata(
  db: Database,
  clientId: string,
): Promise<Record<string, unknown> | undefined> {
  const rs = await db.execute({
    sql: 'SELECT * FROM oidc_clients WHERE client_id = ?',
    args: [clientId],
  });
  const row = rs.rows[0];
  if (!row) return undefined;
  const view = toView(row);
  return {
    client_id: view.clientId,
    client_name: view.name,
    redirect_uris: view.redirectUris,
    post_logout_redirect_uris: view.postLogoutRedirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...(view.confidential
      ? {
          client_secret: str(row, 'secret_hash'),
          token_endpoint_auth_method: 'client_secret_basic',
        }
      : { token_endpoint_auth_method: 'none' }),
  };
}

function toView(row: Row): OidcClientView {
  return {
    clientId: str(row, 'client_id'),
    name: str(row, 'name'),
    confidential: row.secret_hash !== null,
    redirectUris: JSON.parse(str(row, 'redirect_uris')) as string[],
    postLogoutRedirectUris: JSON.parse(str(row, 'post_logout_redirect_uris')) as string[],
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
  };
}
