-- Issue 25: the seed rule moves to the domain (see migrations/014-seed-rule-in-domain.sql): every
-- change's batch ends with an assertion written from the factor registry's facts. The view that
-- named the factors goes; the table the assertion inserts into comes. It never holds a row: the
-- CHECK named after the rule refuses it and the batch rolls back with the rule's name.
DROP VIEW outside_admins;

CREATE TABLE rule_assertions (
  rule TEXT NOT NULL,
  CONSTRAINT no_secsign_admin CHECK (rule <> 'no_secsign_admin'),
  CONSTRAINT last_secsign_admin CHECK (rule <> 'last_secsign_admin')
);
