/**
 * A populated test server for the login-flow tests: an administrator with a SecSign ID, a user with
 * one, a user without, a disabled user, an "Office" zone (10.1.0.0/16) and IPSafeZone active. All
 * made through the same domain services the admin API and the CLI use.
 */
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../../support/test-server.js';
import { TestClient } from '../../support/client.js';

export const INSIDE = '10.1.2.3';
export const OUTSIDE = '203.0.113.7';
export const PASSWORD = 'correct horse battery';

export interface Fixture extends TestServer {
  client(address?: string | null): TestClient;
  /** The simulator's newest session for a SecSign ID. */
  simSession(secSignId: string): { authSessionId: string; state: number; api: 'form' | 'rest' };
  /** What the phone would do: set the newest session of the ID to a state. */
  phone(secSignId: string, state: number): void;
  settings(patch: { ipSafeZoneActive?: boolean; twoStepActive?: boolean }): Promise<void>;
  /** Signs a user in with the password from an address inside the zone; returns that browser. */
  signIn(username: string, address?: string): Promise<TestClient>;
}

export async function startFixture(options: TestServerOptions = {}): Promise<Fixture> {
  const server = await startTestServer(options);
  const { db, clock, sim } = server;
  await createUser(db, clock, CLI_ACTOR, {
    username: 'alice',
    password: PASSWORD,
    displayName: 'Alice Admin',
    email: 'alice@example.com',
    role: 'admin',
    secSignId: 'alice.sec',
  });
  await createUser(db, clock, CLI_ACTOR, {
    username: 'bob',
    password: PASSWORD,
    displayName: 'Bob',
    secSignId: 'bob.sec',
  });
  await createUser(db, clock, CLI_ACTOR, {
    username: 'carol',
    password: PASSWORD,
    displayName: 'Carol',
  });
  await createUser(db, clock, CLI_ACTOR, {
    username: 'dave',
    password: PASSWORD,
    displayName: 'Dave',
    secSignId: 'dave.sec',
    disabled: true,
  });
  for (const id of ['alice.sec', 'bob.sec', 'dave.sec', 'nobody.sec']) sim.registerId(id);
  await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.1.0.0/16'] });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true, twoStepActive: false });

  const simSession = (secSignId: string) => {
    const all = sim.sessions().filter((s) => s.secSignId === secSignId);
    const last = all[all.length - 1];
    if (!last) throw new Error(`no simulator session for ${secSignId}`);
    return last;
  };
  return {
    ...server,
    client: (address: string | null = OUTSIDE) =>
      new TestClient(server.origin, address, server.publicOrigin),
    simSession,
    phone: (secSignId, state) =>
      sim.setState(simSession(secSignId).authSessionId, state as AuthSessionState),
    settings: async (patch) => {
      await updateSettings(db, clock, CLI_ACTOR, patch);
    },
    signIn: async (username, address = INSIDE) => {
      const c = new TestClient(server.origin, address, server.publicOrigin);
      const res = await c.post('/api/login/password', { username, password: PASSWORD });
      if (res.body?.status !== 'signed_in')
        throw new Error(`sign-in of ${username} failed: ${JSON.stringify(res.body)}`);
      return c;
    },
  };
}
