-- Issue 25 §2: which kinds of directory there are is the registry's to say
-- (server/directories/kinds.ts: one module per kind), not a CHECK that names ldap and crowd — so a
-- new kind needs no migration. A row of a kind this version does not know cannot be opened and
-- answers `unavailable` (fail closed: server/directories/open-directory.ts). SQLite cannot drop a
-- CHECK: the table is rebuilt with the same columns and keys, its rows and ids copied as they are
-- (no other table, view or trigger names it).
CREATE TABLE directories_021 (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  name_key    TEXT    NOT NULL UNIQUE,
  kind        TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  settings    TEXT    NOT NULL,
  secret      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);
INSERT INTO directories_021 (id, name, name_key, kind, position, enabled, settings, secret, created_at, updated_at, updated_by)
  SELECT id, name, name_key, kind, position, enabled, settings, secret, created_at, updated_at, updated_by FROM directories;
DROP TABLE directories;
ALTER TABLE directories_021 RENAME TO directories;
