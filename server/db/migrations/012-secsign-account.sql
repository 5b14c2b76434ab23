-- Issue 28: SecSign ID's REST API v2 authenticates every call with a PIN account, which the ID
-- server's administrator creates by hand ("application user"). Stored per ID server URL, the
-- password sealed with IPSAFEZONE_SECRET_KEY (server/platform/crypto/secret-box.ts), never in clear.
CREATE TABLE secsign_accounts (
  server          TEXT PRIMARY KEY,   -- the ID server's URL, without a trailing slash
  account         TEXT NOT NULL,
  password_sealed TEXT NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_by      TEXT NOT NULL
);

-- What the running server last decided about the API (form or REST) and why, and when a call to
-- the ID server last succeeded — for `ipsafezone secsign status`, which runs in another process.
-- One row; the server writes the last success at most once a minute.
CREATE TABLE secsign_status (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  mode            TEXT NOT NULL,      -- SECSIGN_API: auto, rest or form
  api             TEXT NOT NULL CHECK (api IN ('form', 'rest')),
  reason          TEXT NOT NULL,
  version         TEXT,               -- the ID server's version from ServerInfo, when it answered
  decided_at      INTEGER NOT NULL,
  last_success_at INTEGER
);
