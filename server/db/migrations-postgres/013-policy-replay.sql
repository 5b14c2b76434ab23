-- Issue 27: the policy preview replays the past sign-ins and forward-auth grants against a draft
-- of the zones and settings. What it needs is written beside each such decision (rows whose
-- outcome is `signed_in` or `granted`; NULL for every other row and for rows written before):
--   factors     the proven factors as stored with the session (`password+secsign`);
--   address_key the client address as text that sorts like the number (server/zones/address-key.ts):
--               `4` + 8 hex digits, `6` + 32; NULL when the address was doubtful (unknown, or a
--               forwarding chain cut short) and so outside whatever the zones say;
--   peer_ip     the socket peer, and
--   forwarded   the configured forwarding header's value as received (its right end): what the
--               client address was found from, to replay a change of the trusted proxies.
ALTER TABLE audit_log ADD COLUMN factors TEXT;
ALTER TABLE audit_log ADD COLUMN address_key TEXT;
ALTER TABLE audit_log ADD COLUMN peer_ip TEXT;
ALTER TABLE audit_log ADD COLUMN forwarded TEXT;

-- The replay's reads: the sign-ins from within the ranges a zone change touches (a range scan on
-- address_key), grouped by address, factors and user without a sort — covering, so the table
-- itself is not read. Only replayable rows are in it.
CREATE INDEX audit_log_replay ON audit_log (address_key, factors, username, at)
  WHERE factors IS NOT NULL;
