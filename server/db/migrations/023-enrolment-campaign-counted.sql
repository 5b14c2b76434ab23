-- Issue 25 §2: the enrolment campaign's row is read by every password sign-in. It is now held in
-- memory with the settings (server/domain/settings-source.ts) and re-read when the settings counter
-- moves, so a change of the campaign bumps that counter too — from any connection: the CLI, another
-- instance. (On PostgreSQL the counter's NOTIFY, migration 018, carries it to every instance.)
CREATE TRIGGER enrolment_campaign_bump_counter AFTER UPDATE ON enrolment_campaign
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'settings';
END;
