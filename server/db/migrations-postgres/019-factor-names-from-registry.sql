-- Issue 25: which factor a row of `user_factors` holds is the factor registry's to say
-- (server/factors/registry.ts), not a CHECK that names totp and passkey (the libSQL twin rebuilds
-- the table; PostgreSQL drops the constraint its baseline's inline CHECK was given).
ALTER TABLE user_factors DROP CONSTRAINT IF EXISTS user_factors_factor_check;
