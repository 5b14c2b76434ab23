-- Issue 25 §2: a change of the enrolment campaign's row bumps the settings counter (the libSQL
-- twin says why), with the function the settings' own trigger uses (012-baseline.sql); its NOTIFY
-- (018) tells every instance at once.
CREATE TRIGGER enrolment_campaign_bump_counter AFTER UPDATE ON enrolment_campaign
  FOR EACH ROW EXECUTE FUNCTION settings_bump_counter();
