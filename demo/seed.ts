/**
 * Demo data for `npm run demo` (the README's run command): an administrator and users with and
 * without SecSign IDs, a zone that holds 127.0.0.1 but not ::1 — so one machine can try both sides
 * of the zone — IPSafeZone active, and the users' SecSign IDs registered at the embedded ID server.
 * Seeds only an empty database; prints the passwords and the addresses to open.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../server/db/database.js';
import type { Clock } from '../server/platform/clock.js';
import { CLI_ACTOR } from '../server/domain/actor.js';
import { updateSettings } from '../server/domain/settings-service.js';
import { createUser } from '../server/domain/users-service.js';
import { createZone } from '../server/domain/zones-service.js';
import { listUsers } from '../server/store/users.js';

export const DEMO_USERS = [
  {
    username: 'admin',
    displayName: 'Ada Admin',
    role: 'admin' as const,
    secSignId: 'ada.admin',
    email: 'ada@example.com',
  },
  {
    username: 'alice',
    displayName: 'Alice Example',
    role: 'user' as const,
    secSignId: 'alice.example',
    email: 'alice@example.com',
  },
  {
    username: 'bob',
    displayName: 'Bob Without-ID',
    role: 'user' as const,
    secSignId: null,
    email: 'bob@example.com',
  },
];

export interface DemoSeedInput {
  db: Database;
  clock: Clock;
  sim: { registerId(id: string): void } | null;
  port: number;
  /** Fixed passwords (tests); by default random ones are made and printed. */
  passwords?: Record<string, string>;
  log?: (line: string) => void;
}

export async function seedDemo(input: DemoSeedInput): Promise<void> {
  const log = input.log ?? ((line: string) => console.log(line));
  for (const u of DEMO_USERS) if (u.secSignId) input.sim?.registerId(u.secSignId);
  const existing = await listUsers(input.db, { offset: 0, limit: 1 });
  if (existing.total > 0) {
    log('Demo: the database already has users; keeping them (delete data/ to start over).');
  } else {
    const lines: string[] = [];
    for (const u of DEMO_USERS) {
      const password = input.passwords?.[u.username] ?? `demo-${randomBytes(4).toString('hex')}`;
      await createUser(input.db, input.clock, CLI_ACTOR, { ...u, password });
      lines.push(
        `  ${u.username.padEnd(6)} password ${password.padEnd(14)} SecSign ID ${u.secSignId ?? '(none)'}${u.role === 'admin' ? '  (administrator)' : ''}`,
      );
    }
    await createZone(input.db, input.clock, CLI_ACTOR, {
      name: 'Demo office',
      ranges: ['127.0.0.1'],
      note: 'Holds 127.0.0.1 but not ::1, so one machine can try both sides.',
    });
    await updateSettings(input.db, input.clock, CLI_ACTOR, {
      ipSafeZoneActive: true,
      usersChangeOwnId: true,
    });
    log('Demo users (passwords are shown once; they are stored as Argon2id hashes):');
    for (const l of lines) log(l);
  }
  const p = input.port;
  log('');
  log('Open:');
  log(`  http://127.0.0.1:${p}/        inside the demo zone (password is enough)`);
  log(`  http://[::1]:${p}/            outside the zone (SecSign ID needed)`);
  log(`  http://127.0.0.1:${p}/secsign-sim/phone   the simulated SecSign ID phone app`);
  log(`  http://127.0.0.1:${p}/admin   the admin page`);
  log(
    `  http://127.0.0.1:${p}/demo/jira/login, /demo/confluence/login   Jira- and Confluence-style login pages`,
  );
  log(`  http://127.0.0.1:${p}/demo/app   the protected sample page (shows who is signed in)`);
}
