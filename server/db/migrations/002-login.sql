-- The login flow's tables: sessions (only a SHA-256 of each token is stored), short-lived login
-- transactions that tie the SecSign ID step to the password step and to the client address, and
-- the brute-force counters. All of it lives in the database so that several server instances on
-- one database agree.

CREATE TABLE sessions (
  id_hash        TEXT PRIMARY KEY,            -- hex SHA-256 of the cookie token
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  factors        TEXT NOT NULL,               -- 'password', 'secsign' or 'password+secsign'
  client_ip      TEXT,                        -- address at sign-in
  zone           TEXT,                        -- zone matched at sign-in, if any
  created_at     INTEGER NOT NULL,            -- ms since epoch
  last_seen_at   INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,            -- absolute end of life
  revoked_at     INTEGER,
  user_agent     TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_transactions (
  id_hash          TEXT PRIMARY KEY,          -- hex SHA-256 of the transaction token
  user_id          INTEGER REFERENCES users(id) ON DELETE CASCADE,
  mode             TEXT NOT NULL,             -- '2fa' or '2sa'
  password_ok      INTEGER NOT NULL DEFAULT 0,
  client_ip        TEXT NOT NULL,
  secsign_id       TEXT NOT NULL,
  auth_session_id  TEXT NOT NULL,             -- SecSign's 64-bit id, kept as text
  request_id       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending', -- pending, done, failed, canceled
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  finished_at      INTEGER
);
CREATE INDEX login_transactions_expiry ON login_transactions(expires_at);

CREATE TABLE rate_limits (
  key            TEXT PRIMARY KEY,            -- 'user:<name>', 'ip:<address or /64>', 'secsign:<id>'
  failures       INTEGER NOT NULL,
  window_start   INTEGER NOT NULL,
  locked_until   INTEGER NOT NULL DEFAULT 0
);
