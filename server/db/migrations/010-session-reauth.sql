-- Issue 23, item 2: when a session last proved who is behind it — at sign-in, or when the user
-- confirmed again with a factor on the profile page. A user's own factor changes need this to be
-- recent (IPSAFEZONE_REAUTH_MINUTES); sessions from before this migration count from their start.
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER;
UPDATE sessions SET authenticated_at = created_at;
