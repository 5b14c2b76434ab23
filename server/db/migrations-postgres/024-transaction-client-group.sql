-- Round 6 (anonymous floods): each login transaction keeps its client address group (IPv4 per
-- address, IPv6 per /64), so that the open anonymous passkey challenges are capped per group (the
-- libSQL twin says why).
ALTER TABLE login_transactions ADD COLUMN client_group TEXT NOT NULL DEFAULT '';
