-- Issue 25: which factor a row of `user_factors` holds is the factor registry's to say
-- (server/factors/registry.ts: the factors with heldAs 'user_factors'; the store reads only
-- those), not a CHECK that names totp and passkey — so a new factor enrolled as rows needs no
-- migration. SQLite cannot drop a CHECK: the table is rebuilt with the same columns, keys and
-- index, its rows and ids copied as they are. Migration 009's two guards read the table, so they
-- are dropped first (SQLite refuses the rename while a trigger names a missing table) and created
-- again after, word for word.
DROP TRIGGER factor_change_guard_first;
DROP TRIGGER factor_change_guard_totp_limit;
CREATE TABLE user_factors_019 (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  factor TEXT NOT NULL,
  label TEXT NOT NULL,
  credential_id TEXT UNIQUE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
INSERT INTO user_factors_019 (id, user_id, factor, label, credential_id, data, created_at, last_used_at)
  SELECT id, user_id, factor, label, credential_id, data, created_at, last_used_at FROM user_factors;
DROP TABLE user_factors;
ALTER TABLE user_factors_019 RENAME TO user_factors;
CREATE INDEX user_factors_user ON user_factors(user_id, factor);

CREATE TRIGGER factor_change_guard_first INSTEAD OF INSERT ON factor_change_guards
WHEN NEW.first_factor = 1 AND (
  EXISTS (SELECT 1 FROM user_factors WHERE user_id = NEW.user_id)
  OR EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND secsign_id IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'factor_not_first');
END;

CREATE TRIGGER factor_change_guard_totp_limit INSTEAD OF INSERT ON factor_change_guards
WHEN NEW.totp_limit IS NOT NULL AND (
  SELECT count(*) FROM user_factors WHERE user_id = NEW.user_id AND factor = 'totp'
) >= NEW.totp_limit
BEGIN
  SELECT RAISE(ABORT, 'too_many_factors');
END;
