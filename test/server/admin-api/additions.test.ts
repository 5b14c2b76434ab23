/**
 * Admin API additions for the admin page: revoking a user's sessions (audited) and the audit log
 * as CSV with the same filters; both closed to plain users and to nobody signed in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, type Fixture } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';
import { auditCsv, csvCell } from '../../../server/admin-api/audit-csv.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const signIn = (username: string) => f.signIn(username);

async function idOf(admin: TestClient, username: string): Promise<number> {
  const res = await admin.get(`/api/admin/users?q=${username}`);
  return res.body.users.find((u: { username: string }) => u.username === username).id;
}

describe('POST /api/admin/users/:id/revoke-sessions', () => {
  it('ends every session of the user and writes an audit entry', async () => {
    const admin = await signIn('alice');
    const bob1 = await signIn('bob');
    const bob2 = await signIn('bob');
    const bobId = await idOf(admin, 'bob');
    const res = await admin.post(`/api/admin/users/${bobId}/revoke-sessions`);
    assert.equal(res.status, 200);
    assert.equal(res.body.revoked, 2);
    assert.equal((await bob1.get('/api/me')).status, 401);
    assert.equal((await bob2.get('/api/me')).status, 401);
    assert.equal((await admin.get('/api/me')).status, 200);
    const audit = await admin.get('/api/admin/audit?action=user.sessions.revoke');
    assert.equal(audit.body.entries[0].username, 'bob');
    assert.equal(audit.body.entries[0].actor, 'alice');
  });

  it('answers 404 for an unknown user', async () => {
    const admin = await signIn('alice');
    const res = await admin.post('/api/admin/users/99999/revoke-sessions');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'user_not_found');
  });

  it('is closed to plain users and to nobody', async () => {
    const bob = await signIn('bob');
    const res = await bob.post('/api/admin/users/1/revoke-sessions');
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'not_admin');
    const anon = await f.client(INSIDE).post('/api/admin/users/1/revoke-sessions');
    assert.equal(anon.status, 401);
  });
});

describe('GET /api/admin/audit.csv', () => {
  it('exports the filtered log, newest first, as CSV', async () => {
    const admin = await signIn('alice');
    await signIn('carol');
    const res = await admin.get('/api/admin/audit.csv?user=carol');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'id,at,actor,action,username,clientIp,clientReason,zone,required,outcome,details',
    );
    assert.ok(lines.length >= 2);
    for (const line of lines.slice(1)) assert.match(line, /carol/i);
    const json = await admin.get('/api/admin/audit?user=carol&limit=500');
    assert.equal(lines.length - 1, json.body.total);
    assert.ok(lines[1]!.startsWith(`${json.body.entries[0].id},`));
  });

  it('refuses a bad address filter and plain users', async () => {
    const admin = await signIn('alice');
    assert.equal((await admin.get('/api/admin/audit.csv?address=nope')).status, 400);
    const bob = await signIn('bob');
    assert.equal((await bob.get('/api/admin/audit.csv')).status, 403);
  });

  it('quotes and defuses cells (table)', () => {
    const cases: [unknown, string][] = [
      [null, ''],
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['=SUM(A1)', "'=SUM(A1)"],
      ['+1', "'+1"],
      ['-1', "'-1"],
      ['@x', "'@x"],
      [42, '42'],
      [{ a: 1 }, '"{""a"":1}"'],
      ['two\nlines', '"two\nlines"'],
    ];
    for (const [input, want] of cases) assert.equal(csvCell(input), want, String(input));
    assert.equal(auditCsv([]).startsWith('\uFEFFid,at,'), true);
  });
});
