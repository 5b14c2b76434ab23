-- Issue 27 §4: the enrolment campaign and the administrators' approval of first factors.
--
-- enrolment_campaign (one row): "every user has a second factor that counts outside within
-- `within_days` days" (NULL: the campaign is off); `started_at` is when it was switched on (each
-- user's clock starts then, or when the user was created, whichever is later); and whether a first
-- second factor enrolled from a password session inside needs an administrator's approval.
CREATE TABLE enrolment_campaign (
  id                    INTEGER PRIMARY KEY CHECK (id = 1),
  within_days           INTEGER CHECK (within_days IS NULL OR within_days BETWEEN 1 AND 3650),
  started_at            INTEGER,
  first_factor_approval INTEGER NOT NULL DEFAULT 0,
  updated_at            INTEGER,
  updated_by            TEXT
);
INSERT INTO enrolment_campaign (id) VALUES (1);

-- A password session of a user without a factor that counts outside, signed in while the campaign
-- ran: the time (ms) from which the session is limited to enrolling one. NULL: not limited. Cleared
-- for all of the user's sessions once a factor that counts is theirs.
ALTER TABLE sessions ADD COLUMN enrol_by INTEGER;

-- First factors held for an administrator's approval: what the enrolment would have written
-- (`held`, JSON), from where and when it was asked, and the decision. Only an approved one is
-- written to user_factors (and so counts anywhere).
CREATE TABLE factor_approvals (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  factor       TEXT    NOT NULL,
  label        TEXT    NOT NULL,
  held         TEXT    NOT NULL,
  client_ip    TEXT,
  requested_at INTEGER NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'approved', 'rejected', 'withdrawn')),
  decided_at   INTEGER,
  decided_by   TEXT
);
-- At most one request waits per user.
CREATE UNIQUE INDEX factor_approvals_waiting ON factor_approvals (user_id) WHERE status = 'waiting';
