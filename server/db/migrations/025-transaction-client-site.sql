-- Round 7 (whole IPv6 /48s): the open anonymous SecSign ID starts and passkey challenges are capped
-- per /64 (client_group, 024) and, outside the safe zone, per /48 in all (the site, `siteGroup` in
-- server/zones/client-group.ts), since a client holding a /48 could hold the /64's cap in each of
-- its 65,536 /64s. The /48's key is stored with each login transaction, so the cap counts it in
-- SQL. IPv4, unknown addresses and transactions from before have '' and are not counted.
ALTER TABLE login_transactions ADD COLUMN client_site TEXT NOT NULL DEFAULT '';
