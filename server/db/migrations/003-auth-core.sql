-- The auth core: logins hold any factor's state, and a user's password may live elsewhere.
-- Nothing is lost on upgrade: pending SecSign ID steps keep their ids (moved into factor_state),
-- sessions keep their factors (already stored as names joined by '+').

-- Where the user's password lives: 'local' (password_hash here) or a directory's id. A user whose
-- password lives in a directory has no password hash here.
ALTER TABLE users ADD COLUMN directory TEXT NOT NULL DEFAULT 'local';
ALTER TABLE users ALTER COLUMN password_hash TO password_hash TEXT;

-- A login transaction now names its second factor and keeps that factor's state as JSON, plus the
-- factors already proven (the password in two-step) and what the login must satisfy.
ALTER TABLE login_transactions ADD COLUMN factor TEXT NOT NULL DEFAULT 'secsign';
ALTER TABLE login_transactions ADD COLUMN factor_state TEXT NOT NULL DEFAULT '{}';
ALTER TABLE login_transactions ADD COLUMN identifier TEXT NOT NULL DEFAULT '';
ALTER TABLE login_transactions ADD COLUMN proven TEXT NOT NULL DEFAULT '';
UPDATE login_transactions SET
  factor_state = json_object('secSignId', secsign_id, 'authSessionId', auth_session_id,
                             'requestId', request_id),
  identifier = secsign_id,
  proven = CASE WHEN password_ok = 1 THEN 'password' ELSE '' END;
ALTER TABLE login_transactions RENAME COLUMN mode TO requirement;
UPDATE login_transactions SET requirement = CASE requirement
  WHEN '2sa' THEN 'password-and-second-factor' ELSE 'second-factor' END;
ALTER TABLE login_transactions DROP COLUMN secsign_id;
ALTER TABLE login_transactions DROP COLUMN auth_session_id;
ALTER TABLE login_transactions DROP COLUMN request_id;
ALTER TABLE login_transactions DROP COLUMN password_ok;

CREATE INDEX sessions_expiry ON sessions(expires_at);
