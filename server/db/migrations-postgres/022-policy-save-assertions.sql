-- Issue 27: a policy save (a zone, the settings, a draft applied as one batch) is written only
-- while the policy is still the one its administrator guard judged: the batch inserts
-- `policy_changed` into `rule_assertions` when the zones' or the settings' change counter moved
-- since the guard read them, and `draft_not_running` when the draft being applied has ended
-- meanwhile; the named CHECKs refuse the row and abort the batch (as migration 014's seed rule).
ALTER TABLE rule_assertions
  ADD CONSTRAINT policy_changed CHECK (rule <> 'policy_changed'),
  ADD CONSTRAINT draft_not_running CHECK (rule <> 'draft_not_running');
