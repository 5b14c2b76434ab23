-- Issue 26: every bump of a change counter (`settings`, `zones`; 012's triggers bump them on each
-- change, from any connection) is announced on the channel `ipsafezone_changes` with the counter's
-- name. Every instance LISTENs (server/db/postgres/open-postgres.ts) and re-reads what changed at
-- its next request instead of at its next once-a-second check; the check stays as the fallback
-- (a notification is lost while the listening connection is down). NOTIFY is delivered at commit,
-- so a rolled-back change announces nothing.
CREATE FUNCTION change_counters_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ipsafezone_changes', NEW.name);
  RETURN NULL;
END $$;
CREATE TRIGGER change_counters_notify AFTER UPDATE ON change_counters
  FOR EACH ROW EXECUTE FUNCTION change_counters_notify();
