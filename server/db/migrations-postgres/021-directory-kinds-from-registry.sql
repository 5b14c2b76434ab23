-- Issue 25 §2: which kinds of directory there are is the registry's to say
-- (server/directories/kinds.ts), not a CHECK that names ldap and crowd (the libSQL twin rebuilds
-- the table; PostgreSQL drops the constraint its baseline's inline CHECK was given).
ALTER TABLE directories DROP CONSTRAINT IF EXISTS directories_kind_check;
