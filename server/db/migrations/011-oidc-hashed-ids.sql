-- Issue 23, item 6: the OpenID Connect provider's records are now kept under the SHA-256 of their
-- id (server/oidc/adapter.ts), because the id of an access token or authorization code is the
-- token itself. Records written before kept it in clear: they would never be found again, so they
-- go now instead of lying readable until they expire. Relying parties signed in through them get
-- new tokens at their next sign-in (the ipsafezone session itself is not touched).
DELETE FROM oidc_store;
