-- Issue 18, the factors half: the seed's rule generalised from "an administrator with a SecSign ID"
-- to "an administrator who can sign in from outside with a second factor the policy allows", the
-- recovery codes named in the policy, and the switch for enrolling a first factor inside the zone.

-- Whether a user may enrol a first second factor from a password-only session inside the zone
-- (server/domain/enrolment-rules.ts). On by default: the zone is trusted, as the seed intends.
ALTER TABLE settings ADD COLUMN first_factor_inside INTEGER NOT NULL DEFAULT 1
  CHECK (first_factor_inside IN (0, 1));

DROP TRIGGER settings_need_secsign_admin;
DROP TRIGGER users_update_keep_secsign_admin;
DROP TRIGGER users_delete_keep_secsign_admin;

-- Recovery codes count outside (with the password) as long as the administrator keeps them in the
-- policy; installations still on 007's default policy get them, as new ones do.
UPDATE settings SET outside_factors = outside_factors || '+recovery_code'
  WHERE id = 1 AND outside_factors = 'secsign+passkey+totp';

-- The enabled administrators who can sign in from outside with a factor the policy allows: a
-- SecSign ID, a passkey, or an authenticator app together with a password (a local password hash,
-- or a password directory). Recovery codes do not count: they are a finite way back, not a way in.
-- One definition for the triggers below and the domain's check (server/store/user-factors.ts).
CREATE VIEW outside_admins AS
SELECT u.id AS id FROM users u, settings s
WHERE s.id = 1 AND u.role = 'admin' AND u.disabled = 0 AND (
  (instr('+' || s.outside_factors || '+', '+secsign+') > 0 AND u.secsign_id IS NOT NULL)
  OR (instr('+' || s.outside_factors || '+', '+passkey+') > 0
      AND EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id AND f.factor = 'passkey'))
  OR (instr('+' || s.outside_factors || '+', '+totp+') > 0
      AND (u.password_hash IS NOT NULL OR u.directory <> 'local')
      AND EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id AND f.factor = 'totp'))
);

-- The rule, held by the database so that no way in (admin API, CLI, a second instance, a
-- hand-written statement) can break it while IPSafeZone is active. The messages are the domain's
-- error codes (kept from 001 so clients and scripts reading them keep working).
CREATE TRIGGER settings_need_outside_admin AFTER UPDATE ON settings
WHEN NEW.ipsafezone_active = 1 AND OLD.ipsafezone_active = 0
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'no_secsign_admin');
END;
CREATE TRIGGER settings_keep_outside_admin AFTER UPDATE ON settings
WHEN NEW.ipsafezone_active = 1 AND OLD.ipsafezone_active = 1
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
CREATE TRIGGER users_update_keep_outside_admin AFTER UPDATE ON users
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
CREATE TRIGGER users_delete_keep_outside_admin AFTER DELETE ON users
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
CREATE TRIGGER user_factors_delete_keep_outside_admin AFTER DELETE ON user_factors
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
CREATE TRIGGER user_factors_update_keep_outside_admin AFTER UPDATE OF user_id, factor ON user_factors
WHEN (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1
  AND NOT EXISTS (SELECT 1 FROM outside_admins)
BEGIN
  SELECT RAISE(ABORT, 'last_secsign_admin');
END;
