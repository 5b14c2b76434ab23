/**
 * The set-up the LDAP directory tests share, once instead of a copy in each: a throw-away slapd
 * with the test people and groups (test/server/directories/ldap-seed.ts) and the "Corporate LDAP"
 * directory's settings pointing at it; with `app`, also the populated test app
 * (test/server/login/fixture.ts) with a secret key, and — unless the test adds it itself through
 * the admin API — that directory added to it as the CLI would. Real slapd, real app over HTTP.
 */
import { CLI_ACTOR } from '../../server/domain/actor.js';
import { addDirectory } from '../../server/directories/directory-service.js';
import { secretBoxFor } from '../../server/directories/open-directory.js';
import { startFixture, type Fixture } from '../server/login/fixture.js';
import { GROUPS, SEED } from '../server/directories/ldap-seed.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, startSlapd, type Slapd } from './slapd.js';

/** The user filter the tests' directory finds people by. */
export const UID_FILTER = '(&(objectClass=inetOrgPerson)(uid={username}))';

/** The LDAP directory on `ldap` as the admin API and `addDirectory` take it, with `overrides`. */
export function corporateLdap(ldap: Slapd, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Corporate LDAP',
    url: ldap.url,
    allowPlain: true,
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    baseDn: BASE_DN,
    userFilter: UID_FILTER,
    ...overrides,
  };
}

/** A running slapd with the seed people and groups (stop it with `dispose()`). */
export function startSeededSlapd(): Promise<Slapd> {
  return startSlapd({ seed: SEED, online: GROUPS });
}

export interface LdapDirectoryFixture {
  ldap: Slapd;
  /** The populated test app (alice the administrator, bob, carol, dave; the Office zone). */
  f: Fixture;
  /** Stops the app and slapd. */
  close(): Promise<void>;
}

export interface LdapDirectoryFixtureOptions {
  /** The app's secret key (directory secrets are sealed with it). */
  secretKey: string;
  /**
   * The LDAP directory added before the test runs: `corporateLdap` with these overrides; `false`
   * adds none (the test adds it through the API).
   */
  directory: Record<string, unknown> | false;
}

/** slapd, then the test app, then (unless `directory` is false) the LDAP directory in it. */
export async function startLdapDirectoryFixture(
  options: LdapDirectoryFixtureOptions,
): Promise<LdapDirectoryFixture> {
  const ldap = await startSeededSlapd();
  let f: Fixture | undefined;
  try {
    f = await startFixture({ config: { secretKey: options.secretKey } });
    if (options.directory !== false) {
      const box = secretBoxFor({ secretKey: options.secretKey });
      const settings = corporateLdap(ldap, options.directory);
      await addDirectory(f.db, f.clock, box, CLI_ACTOR, 'ldap', settings);
    }
  } catch (err) {
    await f?.close();
    await ldap.dispose();
    throw err;
  }
  const app = f;
  return {
    ldap,
    f: app,
    async close() {
      await app.close();
      await ldap.dispose();
    },
  };
}
