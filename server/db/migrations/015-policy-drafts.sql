-- Issue 27 §3: report-only mode. A draft of the policy (the preview's shape, as JSON) runs beside
-- the live policy for a number of days; the live policy still decides, and beside every sign-in and
-- forward-auth grant the draft's decision is tallied. At most one draft runs at a time: `slot` is
-- always 1 and unique among the rows not yet ended. A draft ends applied, discarded or expired.
CREATE TABLE policy_drafts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  slot       INTEGER NOT NULL DEFAULT 1 CHECK (slot = 1),
  draft      TEXT    NOT NULL,
  changes    TEXT    NOT NULL,
  days       INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  started_by TEXT    NOT NULL,
  ends_at    INTEGER NOT NULL,
  ended_at   INTEGER,
  ended_how  TEXT    CHECK (ended_how IN ('applied', 'discarded', 'expired')),
  ended_by   TEXT
);
CREATE UNIQUE INDEX policy_drafts_one_running ON policy_drafts (slot) WHERE ended_at IS NULL;

-- What the draft would have done, tallied per day (UTC, days since the epoch) and user — not per
-- decision: a row per user and day, however often they sign in. Only decisions that let someone in
-- are tallied (sign-ins and grants, never an anonymous refusal), so nobody unauthenticated can
-- make it grow.
--   sign_ins      decisions tallied;
--   live_second   of them, those the live policy asked a second factor of;
--   draft_second  those the draft would have asked a second factor of;
--   needs_more    what was proven counted live and would not under the draft;
--   needs_less    the draft would have asked less (a password would do, or the proof count again).
CREATE TABLE policy_draft_days (
  draft_id     INTEGER NOT NULL REFERENCES policy_drafts (id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  user_key     TEXT    NOT NULL,
  username     TEXT    NOT NULL,
  sign_ins     INTEGER NOT NULL DEFAULT 0,
  live_second  INTEGER NOT NULL DEFAULT 0,
  draft_second INTEGER NOT NULL DEFAULT 0,
  needs_more   INTEGER NOT NULL DEFAULT 0,
  needs_less   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (draft_id, day, user_key)
);

-- Instances hold the running draft compiled in memory and poll this counter (like 'zones').
INSERT INTO change_counters (name, value) VALUES ('policy_drafts', 0);
