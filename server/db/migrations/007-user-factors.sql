-- Second factors beyond SecSign ID (issue 18): what a user enrols (authenticator apps, passkeys),
-- their recovery codes, and which second factors the administrator lets count outside the zone.
-- One table for enrolled factors, so "which factors has this user" and the seed rule ask one place.

-- An enrolled factor. `data` is the factor's own JSON: for TOTP the secret sealed with
-- IPSAFEZONE_SECRET_KEY and the last time step used (replay); for a passkey the public key,
-- signature counter, transports and backup flags. `credential_id` (base64url) is set for passkeys
-- only, unique, so a discoverable (usernameless) sign-in finds its user in one indexed read.
CREATE TABLE user_factors (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  factor TEXT NOT NULL CHECK (factor IN ('totp', 'passkey')),
  label TEXT NOT NULL,
  credential_id TEXT UNIQUE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX user_factors_user ON user_factors(user_id, factor);

-- Single-use recovery codes, stored hashed; a used code keeps its row (used_at) for the count.
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

-- Which second factors count outside the zone, as factor names joined by '+' (the form sessions
-- use): SecSign ID, passkeys, and authenticator-app codes (TOTP counts only with the password).
ALTER TABLE settings ADD COLUMN outside_factors TEXT NOT NULL DEFAULT 'secsign+passkey+totp';
