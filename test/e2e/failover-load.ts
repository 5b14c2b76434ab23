/**
 * The sign-in load of the failover test (test/e2e/failover.test.ts): clients that sign in through
 * nginx, over and over, and write down every sign-in the server acknowledged (its session cookie,
 * the user, when) and every answer that was not one — so that afterwards the test can check that
 * no acknowledged sign-in was lost and say when sign-ins stopped and resumed.
 *
 * Inside clients sign in with a password from 127.0.0.1 (in the test's zone); the outside client
 * connects from another loopback address (127.0.0.9, which nginx passes on in X-Forwarded-For) and
 * signs in with a password and an authenticator code, each code of a later time step than the last
 * one the user spent (a step is single use; one comes free every 30 s), and in between with the
 * user's recovery codes, each once. The load is bounded: one request at a time per client, with a
 * short pause after each.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, TOTP } from 'otpauth';

export const INSIDE_ADDRESS = '127.0.0.1';
export const OUTSIDE_ADDRESS = '127.0.0.9';

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
  cookie: string;
}

/** An HTTP client for nginx's origin, connecting from `from` (the address nginx sees). */
export function clientFrom(origin: string, from: string) {
  const agent = new Agent({ keepAlive: true, localAddress: from, maxSockets: 4 });
  const url = new URL(origin);
  const call = (method: string, path: string, body?: unknown, cookie = '') =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            Origin: origin,
            ...(payload ? { 'Content-Type': 'application/json' } : {}),
            ...(cookie ? { Cookie: cookie } : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let json: Record<string, unknown> | null = null;
            try {
              json = JSON.parse(text) as Record<string, unknown>;
            } catch {
              // not JSON (nginx's own 502 page)
            }
            const set = res.headers['set-cookie'] ?? [];
            resolve({
              status: res.statusCode ?? 0,
              json,
              cookie: set.map((c) => c.split(';')[0]).join('; '),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}
export type Client = ReturnType<typeof clientFrom>;

/** The code of an authenticator app for time step `step` (30-second steps). */
export const totpCode = (secret: string, step: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 }).generate({
    timestamp: step * 30_000,
  });
export const stepNow = () => Math.floor(Date.now() / 30_000);

/** A password sign-in, then (when asked for one) a code of `factor`. The final answer. */
export async function signIn(
  client: Client,
  username: string,
  password: string,
  code?: { factor: 'totp' | 'recovery_code'; code: string },
): Promise<Answer> {
  const first = await client.call('POST', '/api/login/password', { username, password });
  if (first.status !== 200 || first.json?.status !== 'second_factor' || !code) return first;
  return client.call('POST', '/api/login/code', {
    transaction: first.json.transaction,
    ...code,
  });
}

export interface Ack {
  username: string;
  cookie: string;
  /** Where it signed in from (the session is checked from there). */
  from: string;
  at: number;
}
export interface Miss {
  username: string;
  status: number;
  code: string | null;
  at: number;
}

export interface Load {
  acks: Ack[];
  misses: Miss[];
  /** Sign-ins acknowledged after `t` (ms since the epoch). */
  acksAfter(t: number): Ack[];
  stop(): Promise<void>;
}

/**
 * Starts the clients; `outside` users have an authenticator app (secret, last step spent) and
 * recovery codes (spent from the front, the list shortened).
 */
export function startLoad(
  origin: string,
  inside: { username: string; password: string }[],
  outside: {
    username: string;
    password: string;
    secret: string;
    lastStep: number;
    recoveryCodes: string[];
  }[],
): Load {
  const acks: Ack[] = [];
  const misses: Miss[] = [];
  let running = true;
  const once = async (
    client: Client,
    from: string,
    username: string,
    attempt: () => Promise<Answer>,
  ) => {
    let answer: Answer;
    try {
      answer = await attempt();
    } catch {
      answer = { status: 0, json: null, cookie: '' };
    }
    const at = Date.now();
    if (answer.status === 200 && answer.json?.status === 'signed_in' && answer.cookie) {
      acks.push({ username, cookie: answer.cookie, from, at });
      return true;
    }
    const error = answer.json?.error as { code?: string } | undefined;
    misses.push({ username, status: answer.status, code: error?.code ?? null, at });
    return false;
  };
  const insideLoop = async (u: (typeof inside)[number]) => {
    const client = clientFrom(origin, INSIDE_ADDRESS);
    while (running) {
      const ok = await once(client, INSIDE_ADDRESS, u.username, () =>
        signIn(client, u.username, u.password),
      );
      await sleep(ok ? 50 : 200);
    }
    client.close();
  };
  // A code is spent even when its answer does not come (it may have been taken), and never sent
  // again: a time step of the app while one is free, else one of the user's recovery codes.
  const nextCode = (u: (typeof outside)[number]) => {
    const now = stepNow();
    const step = Math.max(u.lastStep + 1, now);
    if (step <= now + 1) {
      u.lastStep = step;
      return { factor: 'totp' as const, code: totpCode(u.secret, step) };
    }
    const code = u.recoveryCodes.shift();
    return code ? { factor: 'recovery_code' as const, code } : null;
  };
  const outsideLoop = async () => {
    const client = clientFrom(origin, OUTSIDE_ADDRESS);
    while (running) {
      for (const u of outside) {
        const code = running ? nextCode(u) : null;
        if (!code) continue;
        await once(client, OUTSIDE_ADDRESS, u.username, () =>
          signIn(client, u.username, u.password, code),
        );
      }
      await sleep(300);
    }
    client.close();
  };
  const loops = [...inside.map(insideLoop), outsideLoop()];
  return {
    acks,
    misses,
    acksAfter: (t) => acks.filter((a) => a.at > t),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits until `done()` holds, checking every 100 ms; throws `what` after `ms`. */
export async function waitUntil(done: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`Not within ${ms / 1000} s: ${what}`);
    await sleep(100);
  }
}
