-- Issue 23, item 4: an enrolment is taken once, and the facts a factor change was allowed on are
-- checked again inside the change's own write transaction (server/domain/enrolment-rules.ts).

-- Authenticator-app enrolment tokens already confirmed (the random id sealed in each token). The
-- confirmation inserts the id in the same batch as the factor: a second confirmation of the same
-- token, at once or later, collides with it and writes nothing. Kept until a day after the token
-- expired (housekeeping), long enough that no token outlives its row.
CREATE TABLE enrolment_tokens_used (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX enrolment_tokens_used_expiry ON enrolment_tokens_used(expires_at);

-- Assertions a factor change puts first in its batch: inserting a row here writes nothing, but
-- aborts the whole batch when the fact it names no longer holds — so the rule's check and the
-- write see the same database, also across requests racing each other and across instances.
--   first_factor = 1: the change comes from a password-only session, which may only enrol a
--     user's first second factor: the user must still have none (no enrolled factor, no SecSign ID).
--   totp_limit = n: the user must have fewer than n authenticator apps (the cap).
CREATE VIEW factor_change_guards AS
SELECT 0 AS user_id, 0 AS first_factor, NULL AS totp_limit;

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
