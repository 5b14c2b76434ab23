-- OpenID Connect provider (docs/oidc.md): the relying parties (clients) with hashed secrets and
-- exact redirect URIs, the signing keys (private parts sealed with IPSAFEZONE_SECRET_KEY), a stable
-- subject per user that is never reused, and the provider library's own short-lived records
-- (authorization codes, access tokens, grants, interactions, its sessions).

CREATE TABLE oidc_clients (
  client_id      TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  secret_hash    TEXT,                        -- 'sha256:<hex>' of the secret; NULL for a public client
  redirect_uris  TEXT NOT NULL,               -- JSON array, matched exactly
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]', -- JSON array
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE oidc_keys (
  kid            TEXT PRIMARY KEY,
  alg            TEXT NOT NULL,               -- 'RS256' or 'ES256'
  public_jwk     TEXT NOT NULL,               -- JSON
  private_sealed TEXT NOT NULL,               -- the private JWK, sealed (server/platform/crypto/secret-box.ts)
  created_at     INTEGER NOT NULL,
  retired_at     INTEGER                      -- no longer signs; still published until its tokens expire
);

CREATE TABLE oidc_subjects (
  user_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  sub            TEXT NOT NULL UNIQUE,        -- random, so a new user never inherits an old subject
  created_at     INTEGER NOT NULL
);

CREATE TABLE oidc_store (
  model          TEXT NOT NULL,               -- the library's model name (AuthorizationCode, Grant, …)
  id             TEXT NOT NULL,
  payload        TEXT NOT NULL,               -- JSON
  grant_id       TEXT,
  user_code      TEXT,
  uid            TEXT,
  expires_at     INTEGER,                     -- ms since epoch; NULL: no expiry
  consumed_at    INTEGER,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_store_grant ON oidc_store(grant_id);
CREATE INDEX oidc_store_uid ON oidc_store(uid);
CREATE INDEX oidc_store_expiry ON oidc_store(expires_at);
