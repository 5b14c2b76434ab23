/**
 * Threat (cross-site requests from the page that embeds the widget): the origins allowed to embed
 * `<ipsafezone-login>` (`IPSAFEZONE_ALLOWED_ORIGINS` — Jira's and Confluence's login pages, a
 * large application with user content and plug-ins of its own) counted as "our own" for the
 * cross-site check of every state-changing `/api` request, not only the widget's. A body-less POST
 * needs no CORS preflight, and the session cookie (SameSite=Lax) goes along to a sibling host of
 * the same site: a script on the embedding site — an XSS in Jira, a malicious plug-in — could, with
 * the visiting administrator's cookie, approve a waiting first factor (the attacker's), rotate an
 * OpenID Connect client's secret (Jira's single sign-on stops), end a user's sessions, and a
 * user's own fresh session could be made to issue new recovery codes. Now an allowed origin counts
 * only on the widget's endpoints; everywhere else only our own origin does (403
 * `forbidden_origin`, nothing changed). Every state-changing admin and profile route is tried,
 * enumerated from the app. Real app over HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import { SESSION_COOKIE } from '../../../server/login/cookies.js';
import { beginAndConfirmTotp, SECRET_KEY } from '../factors/helpers.js';
import type { TestClient } from '../../support/client.js';

const EMBEDDER = 'https://jira.example.com';
let f: Fixture;

before(async () => {
  f = await startFixture({ config: { secretKey: SECRET_KEY, allowedOrigins: [EMBEDDER] } });
});
after(() => f.close());

/** A body-less POST (or another method) as a page on `origin` sends it: no preflight needed. */
async function fromPage(who: TestClient, method: string, path: string, origin: string) {
  const res = await fetch(f.origin + path, {
    method,
    headers: {
      origin,
      'sec-fetch-site': 'same-site',
      'x-forwarded-for': who.address ?? INSIDE,
      cookie: `${SESSION_COOKIE}=${who.cookie(SESSION_COOKIE)}`,
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

test('the embedding site cannot approve a factor, rotate a secret or end sessions with the admin’s cookie', async () => {
  const admin = await f.signIn('alice', INSIDE);
  assert.equal(
    (await admin.request('PATCH', '/api/admin/enrolment', { firstFactorApproval: true })).status,
    200,
  );
  const client = await admin.post('/api/admin/oidc/clients', {
    clientId: 'jira',
    name: 'Jira',
    redirectUris: ['https://jira.example.com/plugins/servlet/oidc/callback'],
  });
  assert.equal(client.status, 201, JSON.stringify(client.body));
  // Someone who knows carol's password enrols their own app for her, inside: held for approval.
  const mallory = f.client(INSIDE);
  await mallory.post('/api/login/password', { username: 'carol', password: PASSWORD });
  const held = await beginAndConfirmTotp(f, mallory);
  assert.equal(held.confirm.body.waitingApproval, true);
  const approval = (await admin.get('/api/admin/enrolment/approvals')).body.approvals[0].id;
  const bob = await f.signIn('bob', INSIDE);
  const bobId = (await admin.get('/api/admin/users?q=bob')).body.users[0].id;

  for (const path of [
    `/api/admin/enrolment/approvals/${approval}/approve`,
    '/api/admin/oidc/clients/jira/rotate-secret',
    `/api/admin/users/${bobId}/revoke-sessions`,
  ]) {
    const res = await fromPage(admin, 'POST', path, EMBEDDER);
    assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'forbidden_origin', path);
  }
  const waiting = (await admin.get('/api/admin/enrolment/approvals')).body.approvals;
  assert.equal(waiting.length, 1, 'the factor still waits');
  assert.equal((await bob.get('/api/me')).status, 200, "bob's session stays");
  const audit = await admin.get('/api/admin/audit?action=oidc.client.rotate_secret');
  assert.equal(audit.body.total, 0, 'the secret was not rotated');

  // A user's own fresh session: no new recovery codes from the embedding site either.
  const carol = f.client(INSIDE);
  await carol.post('/api/login/password', { username: 'carol', password: PASSWORD });
  const codes = await fromPage(carol, 'POST', '/api/me/recovery-codes', EMBEDDER);
  assert.equal(codes.status, 403, JSON.stringify(codes.body));
});

test('every state-changing admin and profile route refuses the embedding origin', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const seen = new Set<string>();
  for (const r of f.app.routes) {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) continue;
    if (!r.path.startsWith('/api/admin/') && !r.path.startsWith('/api/me')) continue;
    const path = r.path.replace(/:[a-zA-Z]+/g, '1');
    if (seen.has(`${r.method} ${path}`)) continue;
    seen.add(`${r.method} ${path}`);
    const res = await fromPage(admin, r.method, path, EMBEDDER);
    assert.equal(res.status, 403, `${r.method} ${r.path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'forbidden_origin', `${r.method} ${r.path}`);
  }
  assert.ok(seen.size >= 40, `${seen.size} routes`);
});

test("the widget's own endpoints still take the embedding origin", async () => {
  const page = f.client(INSIDE);
  const res = await page.post(
    '/api/login/password',
    { username: 'bob', password: PASSWORD },
    { origin: EMBEDDER },
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'signed_in');
  assert.equal(res.headers.get('access-control-allow-origin'), EMBEDDER);
  const out = await fromPage(page, 'POST', '/api/logout', EMBEDDER);
  assert.ok(out.status < 300, JSON.stringify(out.body));
});
