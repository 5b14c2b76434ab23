-- The first schema: users, settings, zones (with the version counter other instances poll), and
-- the append-only audit log. Timestamps are milliseconds since the epoch from the Clock provider.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  -- as typed, for display; `username_key` (Unicode-normalised, lower-cased) is what is unique
  username      TEXT    NOT NULL,
  username_key  TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL DEFAULT '',
  email         TEXT    NOT NULL DEFAULT '',
  role          TEXT    NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user')),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- trimmed and lower-cased; one user per ID (NULLs do not collide)
  secsign_id    TEXT    UNIQUE,
  password_hash TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

-- Exactly one row (id = 1).
CREATE TABLE settings (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  ipsafezone_active   INTEGER NOT NULL DEFAULT 0 CHECK (ipsafezone_active IN (0, 1)),
  two_step_active     INTEGER NOT NULL DEFAULT 0 CHECK (two_step_active IN (0, 1)),
  users_change_own_id INTEGER NOT NULL DEFAULT 0 CHECK (users_change_own_id IN (0, 1)),
  updated_at          INTEGER NOT NULL DEFAULT 0,
  updated_by          TEXT
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE zones (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  name_key   TEXT    NOT NULL UNIQUE,
  -- JSON array of the ranges exactly as typed
  ranges     TEXT    NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- ranges that cover everything were accepted on purpose
  force      INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
  note       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

-- Cheap counters that instances poll to notice changes made elsewhere (e.g. 'zones').
CREATE TABLE change_counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('zones', 0);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  actor         TEXT,
  action        TEXT    NOT NULL,
  username      TEXT,
  client_ip     TEXT,
  client_reason TEXT,
  zone          TEXT,
  required      TEXT,
  outcome       TEXT,
  details       TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_username ON audit_log (username COLLATE NOCASE, at);
CREATE INDEX audit_log_client_ip ON audit_log (client_ip, at);

-- Append-only for the application: nothing updates or deletes an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The seed's rule, held by the database itself so that no way in (admin API, CLI, a second
-- instance, a hand-written statement) can break it: while IPSafeZone is active, at least one
-- enabled administrator has a SecSign ID. The domain layer checks first to give a clear message;
-- these triggers close the race between two instances. Messages are the domain's error codes.
CREATE TRIGGER settings_need_secsign_admin AFTER UPDATE ON settings
WHEN NEW.ipsafezone_active = 1 AND NOT EXISTS (
  SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0 AND secsign_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'no_secsign_admin');
END;
CREATE TRIGGER users_update_keep_secsign_admin AFTER UPDATE ON users
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1 AND NOT EXISTS (
  SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0 AND secsign_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
CREATE TRIGGER users_delete_keep_secsign_admin AFTER DELETE ON users
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1 AND NOT EXISTS (
  SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0 AND secsign_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
