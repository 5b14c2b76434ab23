/**
 * Every change the admin API makes is audited with the actor, the address it came from and what
 * changed — and no secret (a password, a password hash, a directory's application password, an
 * OpenID Connect client secret, an authenticator app's secret) is ever in the audit log, the logs
 * or an answer (but the one answer that hands a new client secret out). Over real HTTP, one
 * administrator signed in inside, each state-changing route of `/api/admin` called once with a
 * change that goes through. The routes are enumerated from the app: a state-changing route added
 * later fails this test until it is exercised here (or named below as changing nothing).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../server/platform/logger.js';
import { startFixture, INSIDE, PASSWORD, type Fixture } from '../login/fixture.js';
import { beginAndConfirmTotp } from '../factors/helpers.js';
import type { TestClient } from '../../support/client.js';

const SECRET_KEY = 'audit-test-secret-key-0123456789abcdef';
const FIRST_PASSWORD = 'first password of mallory';
const NEW_PASSWORD = 'second password of mallory';
const APPLICATION_PASSWORD = 'crowd application password 42';

/** State-changing routes that change nothing stored, and why. */
const CHANGE_NOTHING: Record<string, string> = {
  'POST /api/admin/policy/preview': 'a preview: nothing saved or audited (docs/admin-api.md)',
  'POST /api/admin/directories/:id/test': 'connects and authenticates as the service account',
};

let f: Fixture;
const logLines: string[] = [];
/** Every answer of the admin API in this test, as text (those that hand out a secret apart). */
const answers: string[] = [];
/** The secrets the test made or was shown. */
const secrets = [FIRST_PASSWORD, NEW_PASSWORD, APPLICATION_PASSWORD, PASSWORD];
const exercised = new Set<string>();

before(async () => {
  const logger = createLogger('debug', { write: (s: string) => void logLines.push(s) });
  f = await startFixture({
    config: { secretKey: SECRET_KEY },
    ops: { logger, lifecycle: { shuttingDown: false } },
  });
});
after(() => f.close());

async function auditAfter(id: number) {
  const rs = await f.db.execute({
    sql: 'SELECT id, actor, action, client_ip, details FROM audit_log WHERE id > ? ORDER BY id',
    args: [id],
  });
  return rs.rows.map((r) => ({
    id: Number(r.id),
    actor: String(r.actor),
    action: String(r.action),
    clientIp: r.client_ip === null ? null : String(r.client_ip),
    details: String(r.details ?? ''),
  }));
}

async function lastAuditId(): Promise<number> {
  const rs = await f.db.execute('SELECT max(id) AS id FROM audit_log');
  return Number(rs.rows[0]!.id ?? 0);
}

/**
 * Sends one change as `admin` to the route `pattern` (at `path`), expects a 2xx and an audit entry
 * `action` by alice from inside that names `mentions` in its details; returns the answer's body.
 */
async function change(
  admin: TestClient,
  method: string,
  pattern: string,
  path: string,
  body: unknown,
  action: string,
  mentions: string[] = [],
  { handsOutSecret = false } = {},
) {
  const before = await lastAuditId();
  const res = await admin.request(method, path, body);
  assert.ok(
    res.status >= 200 && res.status < 300,
    `${method} ${path}: ${JSON.stringify(res.body)}`,
  );
  if (!handsOutSecret) answers.push(JSON.stringify(res.body));
  const entries = (await auditAfter(before)).filter((e) => e.action === action);
  assert.equal(entries.length >= 1, true, `${method} ${pattern}: no ${action} entry`);
  const entry = entries[0]!;
  assert.equal(entry.actor, 'alice', `${method} ${pattern}`);
  assert.equal(entry.clientIp, INSIDE, `${method} ${pattern}`);
  for (const m of mentions) assert.ok(entry.details.includes(m), `${action} names ${m}`);
  exercised.add(`${method} ${pattern}`);
  return res.body;
}

test('every administrative change is audited with who, from where and what; no secret anywhere', async () => {
  const admin = await f.signIn('alice', INSIDE);

  // Settings, the enrolment campaign.
  await change(
    admin,
    'PATCH',
    '/api/admin/settings',
    '/api/admin/settings',
    { usersChangeOwnId: true },
    'settings.update',
    ['usersChangeOwnId'],
  );
  await change(
    admin,
    'PATCH',
    '/api/admin/enrolment',
    '/api/admin/enrolment',
    { firstFactorApproval: true },
    'settings.enrolment_campaign',
    ['firstFactorApproval'],
  );

  // Zones.
  const zone = await change(
    admin,
    'POST',
    '/api/admin/zones',
    '/api/admin/zones',
    { name: 'Lab', ranges: ['10.9.0.0/16'] },
    'zone.create',
    ['Lab', '10.9.0.0/16'],
  );
  const zonePath = `/api/admin/zones/${zone.zone.id}`;
  await change(
    admin,
    'PATCH',
    '/api/admin/zones/:id',
    zonePath,
    { note: 'the lab' },
    'zone.update',
    ['the lab'],
  );
  await change(admin, 'DELETE', '/api/admin/zones/:id', zonePath, undefined, 'zone.delete', [
    'Lab',
  ]);

  // Users.
  const created = await change(
    admin,
    'POST',
    '/api/admin/users',
    '/api/admin/users',
    { username: 'mallory', password: FIRST_PASSWORD },
    'user.create',
    ['mallory'],
  );
  const userPath = `/api/admin/users/${created.user.id}`;
  await change(
    admin,
    'PATCH',
    '/api/admin/users/:id',
    userPath,
    { displayName: 'Mallory M' },
    'user.update',
    ['Mallory M'],
  );
  await change(
    admin,
    'PUT',
    '/api/admin/users/:id/password',
    `${userPath}/password`,
    { password: NEW_PASSWORD },
    'user.password',
  );
  await change(
    admin,
    'PUT',
    '/api/admin/users/:id/secsign-id',
    `${userPath}/secsign-id`,
    { secSignId: 'nobody.sec' },
    'user.secsign_id.set',
    ['nobody.sec'],
  );
  await change(
    admin,
    'DELETE',
    '/api/admin/users/:id/secsign-id',
    `${userPath}/secsign-id`,
    undefined,
    'user.secsign_id.clear',
    ['nobody.sec'],
  );
  await change(
    admin,
    'POST',
    '/api/admin/users/:id/revoke-sessions',
    `${userPath}/revoke-sessions`,
    undefined,
    'user.sessions.revoke',
    ['mallory'],
  );

  // First factors held for approval: one approved, one rejected (their app secrets are secrets too).
  for (const [username, decision] of [
    ['carol', 'approve'],
    ['mallory', 'reject'],
  ] as const) {
    const user = f.client(INSIDE);
    const password = username === 'mallory' ? NEW_PASSWORD : PASSWORD;
    const signedIn = await user.post('/api/login/password', { username, password });
    assert.equal(signedIn.body.status, 'signed_in', JSON.stringify(signedIn.body));
    const { confirm, secret } = await beginAndConfirmTotp(f, user);
    assert.equal(confirm.body.waitingApproval, true, JSON.stringify(confirm.body));
    secrets.push(secret);
    const waiting = (await admin.get('/api/admin/enrolment/approvals')).body.approvals;
    const id = waiting.find((a: { username: string }) => a.username === username).id;
    const pattern = `/api/admin/enrolment/approvals/:id/${decision}`;
    await change(
      admin,
      'POST',
      pattern,
      pattern.replace(':id', String(id)),
      undefined,
      'enrolment.approval',
      ['totp'],
    );
  }
  await change(
    admin,
    'DELETE',
    '/api/admin/users/:id/factors',
    `${userPath}/factors`,
    undefined,
    'factor.reset',
  );

  // Directories (a Crowd nobody answers at: the tests answer "unavailable" at once).
  const dir = await change(
    admin,
    'POST',
    '/api/admin/directories/:kind',
    '/api/admin/directories/crowd',
    {
      name: 'Jira users',
      url: 'http://127.0.0.1:1',
      allowPlain: true,
      applicationName: 'ipsafezone',
      applicationPassword: APPLICATION_PASSWORD,
      timeoutMs: 500,
    },
    'directory.create',
    ['Jira users'],
  );
  const dirPath = `/api/admin/directories/${dir.directory.id}`;
  await change(
    admin,
    'PATCH',
    '/api/admin/directories/:id',
    dirPath,
    { enabled: false },
    'directory.update',
    ['enabled'],
  );
  await change(
    admin,
    'POST',
    '/api/admin/directories/:id/test-user',
    `${dirPath}/test-user`,
    { username: 'jdoe' },
    'directory.test_user',
    ['Jira users'],
  );
  answers.push(JSON.stringify((await admin.post(`${dirPath}/test`, {})).body));
  await change(
    admin,
    'DELETE',
    '/api/admin/directories/:id',
    dirPath,
    undefined,
    'directory.delete',
    ['Jira users'],
  );

  // OpenID Connect clients: the secret is in the answer that hands it out, nowhere else.
  const client = await change(
    admin,
    'POST',
    '/api/admin/oidc/clients',
    '/api/admin/oidc/clients',
    {
      clientId: 'jira',
      name: 'Jira',
      redirectUris: ['https://jira.example.test/plugins/servlet/oidc/callback'],
    },
    'oidc.client.add',
    ['jira'],
    { handsOutSecret: true },
  );
  secrets.push(client.secret);
  const rotated = await change(
    admin,
    'POST',
    '/api/admin/oidc/clients/:id/rotate-secret',
    '/api/admin/oidc/clients/jira/rotate-secret',
    undefined,
    'oidc.client.rotate_secret',
    ['jira'],
    { handsOutSecret: true },
  );
  secrets.push(rotated.secret);
  await change(
    admin,
    'DELETE',
    '/api/admin/oidc/clients/:id',
    '/api/admin/oidc/clients/jira',
    undefined,
    'oidc.client.remove',
    ['jira'],
  );

  // Report-only drafts: one discarded, one applied.
  const first = await change(
    admin,
    'POST',
    '/api/admin/policy/draft',
    '/api/admin/policy/draft',
    { twoStepActive: true, reportDays: 7 },
    'policy_draft.start',
  );
  await change(
    admin,
    'POST',
    '/api/admin/policy/draft/discard',
    '/api/admin/policy/draft/discard',
    { id: first.draft.id },
    'policy_draft.discard',
  );
  const second = await admin.request('POST', '/api/admin/policy/draft', {
    twoStepActive: true,
    reportDays: 7,
  });
  assert.equal(second.status, 201);
  await change(
    admin,
    'POST',
    '/api/admin/policy/draft/apply',
    '/api/admin/policy/draft/apply',
    { id: second.body.draft.id },
    'policy_draft.apply',
  );
  const preview = await admin.request('POST', '/api/admin/policy/preview', {
    twoStepActive: false,
  });
  assert.equal(preview.status, 200);

  await change(admin, 'DELETE', '/api/admin/users/:id', userPath, undefined, 'user.delete', [
    'mallory',
  ]);

  // Every state-changing admin route of the app was exercised (or changes nothing).
  const unsafe = new Set<string>();
  for (const r of f.app.routes) {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) continue;
    if (r.path.startsWith('/api/admin/')) unsafe.add(`${r.method} ${r.path}`);
  }
  const missing = [...unsafe].filter((r) => !exercised.has(r) && !(r in CHANGE_NOTHING));
  assert.deepEqual(missing, [], 'state-changing admin routes this test does not exercise');

  // Every read of the admin API, once more, for what the answers carry.
  for (const r of f.app.routes) {
    if (r.method !== 'GET' || !r.path.startsWith('/api/admin/') || r.path.includes(':')) continue;
    answers.push(JSON.stringify((await admin.get(r.path)).body));
  }
  answers.push(JSON.stringify((await admin.get(`/api/admin/users/${created.user.id}`)).body));

  // No secret — nor any stored password hash — in the audit log, the logs or an answer.
  assert.ok(logLines.length > 0 && answers.length > 30, 'the logs and answers were collected');
  const hashes = (
    await f.db.execute('SELECT password_hash FROM users WHERE password_hash IS NOT NULL')
  ).rows.map((r) => String(r.password_hash));
  const audit = JSON.stringify(
    (await f.db.execute('SELECT * FROM audit_log')).rows,
    (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
  );
  for (const secret of [...secrets, ...hashes]) {
    assert.ok(secret.length >= 8);
    assert.equal(
      audit.includes(secret),
      false,
      `a secret in the audit log: ${secret.slice(0, 12)}…`,
    );
    assert.equal(
      logLines.some((l) => l.includes(secret)),
      false,
      `a secret in the logs: ${secret.slice(0, 12)}…`,
    );
    assert.equal(
      answers.some((a) => a.includes(secret)),
      false,
      `a secret in an answer: ${secret.slice(0, 12)}…`,
    );
  }
});
