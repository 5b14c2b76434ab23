-- Issue 26: on PostgreSQL, a bump of a change counter (`settings`, `zones`) is announced with
-- NOTIFY so every instance re-reads at once (migrations-postgres/018-change-notify.sql). libSQL has
-- no notifications — its instances share a local file and keep checking the counters at least
-- once a second — so this version changes nothing here.
SELECT 1;
