-- Round 7 (whole IPv6 /48s): each login transaction keeps its client address's /48 (IPv6 only),
-- so that the open anonymous sign-ins are capped per /48 as well as per /64 (the libSQL twin says
-- why).
ALTER TABLE login_transactions ADD COLUMN client_site TEXT NOT NULL DEFAULT '';
