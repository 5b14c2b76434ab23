-- External password directories (LDAP / Active Directory, Crowd), asked in `position` order after
-- ipsafezone's own users table. `settings` is JSON without secrets; the bind or application
-- password is in `secret`, sealed with the key from IPSAFEZONE_SECRET_KEY (server/platform/crypto/secret-box.ts),
-- so a copy of the database alone does not reveal it.

CREATE TABLE directories (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  name_key    TEXT    NOT NULL UNIQUE,
  kind        TEXT    NOT NULL CHECK (kind IN ('ldap', 'crowd')),
  position    INTEGER NOT NULL,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  settings    TEXT    NOT NULL,
  secret      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);

-- A user who came from a directory names it in users.directory (migration 003) by its id as text.
