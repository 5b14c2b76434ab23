-- Round 6 (anonymous floods): the open anonymous passkey challenges are capped per client address
-- group — IPv4 per address, IPv6 per /64 (server/zones/client-group.ts) — not per exact address,
-- since one IPv6 host owns a whole /64 and could hold the cap's 50 challenges at each of its
-- addresses. The group's key is stored with each login transaction, so the cap counts it in SQL.
-- Transactions from before have '' and are not counted (they expire within minutes).
ALTER TABLE login_transactions ADD COLUMN client_group TEXT NOT NULL DEFAULT '';
