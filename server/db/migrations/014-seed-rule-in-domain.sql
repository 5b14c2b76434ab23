-- Issue 25: the seed rule (an enabled administrator must stay able to sign in from outside while
-- IPSafeZone is active) moves from migration 008's triggers, which named `secsign`, `passkey` and
-- `totp` in SQL, to the domain: every change's batch ends with an assertion built from the factor
-- registry's facts (server/domain/outside-admins.ts, server/store/user-factors.ts). A new factor
-- then needs no migration, and a second database backend has no triggers to port.

DROP TRIGGER settings_need_outside_admin;
DROP TRIGGER settings_keep_outside_admin;
DROP TRIGGER users_update_keep_outside_admin;
DROP TRIGGER users_delete_keep_outside_admin;
DROP TRIGGER user_factors_delete_keep_outside_admin;
DROP TRIGGER user_factors_update_keep_outside_admin;
DROP VIEW outside_admins;

-- Where a batch's last statement asserts a rule: it inserts the rule's name only when the rule is
-- broken, and the named CHECK refuses the row, which aborts the whole batch (all or nothing) with
-- the rule's name in the message (`CHECK constraint failed: last_secsign_admin`). So the check and
-- the write see the same database, also across racing requests and instances. Never holds a row.
CREATE TABLE rule_assertions (
  rule TEXT NOT NULL,
  CONSTRAINT no_secsign_admin CHECK (rule <> 'no_secsign_admin'),
  CONSTRAINT last_secsign_admin CHECK (rule <> 'last_secsign_admin')
);
