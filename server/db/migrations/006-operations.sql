-- Operations: a settings counter that instances poll (like 'zones'), so a change made by another
-- instance or the CLI is seen without reading the settings on every request; and a controlled
-- purge path for the audit log's retention.

INSERT INTO change_counters (name, value) VALUES ('settings', 0);
CREATE TRIGGER settings_bump_counter AFTER UPDATE ON settings
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'settings';
END;

-- The audit log stays append-only, except for entries older than a purge permit. A permit lives
-- only inside the purge's own transaction (insert permit, delete old entries, delete permit, audit
-- the purge — one batch), so no other connection ever sees one. Updates remain refused always.
CREATE TABLE audit_purge_permit (
  before_at INTEGER NOT NULL
);
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permit WHERE OLD.at < before_at)
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
