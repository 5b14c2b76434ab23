-- Issue 27: the policy preview says how many sign-ins and forward-auth grants of the period it
-- replayed. Counted over 013's covering index that took a walk over every replayable row (the
-- index is ordered by address, not time): 300-450 ms for a million on a busy machine. This narrow
-- partial index of the replayable rows' times makes the period a range of it (`factors` in it
-- too, so that SQLite counts on the index alone).
CREATE INDEX audit_log_replay_at ON audit_log (at, factors) WHERE factors IS NOT NULL;
