-- Issue 27: a policy save (a zone, the settings, a draft applied as one batch) is written only
-- while the policy is still the one its administrator guard judged. The batch asserts it as the
-- seed rule is asserted (migration 014): it inserts `policy_changed` into `rule_assertions` when
-- the zones' or the settings' change counter moved since the guard read them, and
-- `draft_not_running` when the draft being applied has ended meanwhile; the named CHECKs refuse
-- the row and so abort the whole batch. SQLite adds no CHECK to a table: the table, which never
-- holds a row, is made again with all four.
DROP TABLE rule_assertions;
CREATE TABLE rule_assertions (
  rule TEXT NOT NULL,
  CONSTRAINT no_secsign_admin CHECK (rule <> 'no_secsign_admin'),
  CONSTRAINT last_secsign_admin CHECK (rule <> 'last_secsign_admin'),
  CONSTRAINT policy_changed CHECK (rule <> 'policy_changed'),
  CONSTRAINT draft_not_running CHECK (rule <> 'draft_not_running')
);
