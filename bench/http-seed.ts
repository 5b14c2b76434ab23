// Seeds the database file `npm run bench:http` runs against, through the same domain functions the
// admin API uses: one zone "office" (the given ranges), IPSafeZone active (with the administrator that requires), so that requests forwarded for 10.x addresses are
// inside, `USERS` password users (Argon2id at the production parameters), and one live session for
// forward-auth when there are users. Returns the session cookie value and the user names.
import { openDatabase } from '../server/db/open.js';
import { systemClock } from '../server/platform/clock.js';
import { CLI_ACTOR } from '../server/domain/actor.js';
import { createUser } from '../server/domain/users-service.js';
import { createZone } from '../server/domain/zones-service.js';
import { updateSettings } from '../server/domain/settings-service.js';
import { createSession } from '../server/store/sessions.js';

export const BENCH_PASSWORD = 'bench-password-1';

export interface Seeded {
  sessionToken: string;
  usernames: string[];
}

export async function seedBenchDatabase(
  url: string,
  options: { users: number; ranges: string[] },
): Promise<Seeded> {
  const { users, ranges } = options;
  const db = await openDatabase({ url });
  try {
    await createZone(db, systemClock, CLI_ACTOR, { name: 'office', ranges });
    // IPSafeZone can only be switched on while an administrator has a SecSign ID.
    await createUser(db, systemClock, CLI_ACTOR, {
      username: 'bench-admin',
      password: BENCH_PASSWORD,
      role: 'admin',
      secSignId: 'bench-admin@example.com',
    });
    await updateSettings(db, systemClock, CLI_ACTOR, { ipSafeZoneActive: true });
    const usernames: string[] = [];
    for (let i = 0; i < users; i++) {
      const username = `bench${i}`;
      await createUser(db, systemClock, CLI_ACTOR, {
        username,
        password: BENCH_PASSWORD,
        displayName: `Bench User ${i}`,
        email: `bench${i}@example.com`,
      });
      usernames.push(username);
    }
    if (users === 0) return { sessionToken: '', usernames };
    const first = await db.execute({
      sql: 'SELECT id FROM users WHERE username = ?',
      args: ['bench0'],
    });
    const { token } = await createSession(
      db,
      systemClock,
      { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 },
      {
        userId: Number(first.rows[0]!.id),
        factors: ['password'],
        clientIp: '10.1.0.1',
        zone: 'office',
      },
    );
    return { sessionToken: token, usernames };
  } finally {
    db.close();
  }
}
