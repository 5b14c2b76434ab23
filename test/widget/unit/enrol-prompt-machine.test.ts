// The widget's state machine (widget/login-machine.ts) and the enrolment campaign (issue 27 §4),
// without a browser: a sign-in answered with `enrol` shows the prompt instead of signing in —
// no success event, nothing navigates — until "Later" (only before the deadline: the server's
// `required`, and the page's clock) or "Set it up now" (to the profile). After the deadline no
// sequence of events gets past the prompt. Run by Node's test runner (scripts/test-server.sh).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  initialState,
  transition,
  type Effect,
  type LoginEvent,
  type LoginState,
} from '../../../widget/login-machine.js';
import type { EnrolPrompt, User, ZoneInfo } from '../../../widget/api-types.js';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const DAY = 86_400_000;
const user: User = {
  username: 'carol',
  displayName: 'Carol',
  email: 'carol@example.com',
  role: 'user',
  secSignId: null,
};
const inside: ZoneInfo = {
  clientIp: '10.1.2.3',
  inside: true,
  zone: 'Office',
  active: true,
  mode: 'password',
  requires: 'password',
  reason: '',
  factors: [],
};
const prompt = (over: Partial<EnrolPrompt> = {}): EnrolPrompt => ({
  by: new Date(NOW + 14 * DAY).toISOString(),
  required: false,
  waiting: false,
  url: 'https://login.example.com/profile#second-factors',
  ...over,
});

/** Signs carol in with the password; the server answers with `enrol`, the cookie was kept. */
function signedInWith(enrol: EnrolPrompt, now = NOW): { state: LoginState; effects: Effect[] } {
  let state = initialState();
  const send = (e: LoginEvent) => ([state] = transition(state, e, now));
  send({ type: 'load' });
  send({
    type: 'zone',
    req: state.req,
    zone: inside,
    remembered: { password: null, 'secsign-id': null },
    ceremonies: [],
  });
  send({ type: 'submit-password', username: 'carol', password: 'pw', remember: true });
  send({ type: 'answer', req: state.req, result: { status: 'signed_in', user, enrol } });
  assert.equal(state.step.kind, 'password', 'not before /api/session');
  const [next, effects] = transition(
    state,
    { type: 'session', req: state.req, kept: true, changes: [] },
    now,
  );
  return { state: next, effects };
}

describe('login machine: the enrolment prompt', () => {
  test('a sign-in with `enrol` shows the prompt, not signed in: no success, no navigation', () => {
    const enrol = prompt();
    const { state, effects } = signedInWith(enrol);
    assert.deepEqual(state.step, { kind: 'enrol', user, enrol, changes: [] });
    assert.equal(state.notice, null);
    assert.deepEqual(
      effects.map((e) => e.type),
      ['stop-poll', 'remember'],
    );
  });

  test('"Later" before the deadline signs in as usual; "Set it up now" goes to the profile', () => {
    const { state } = signedInWith(prompt());
    const [later, fx] = transition(state, { type: 'enrol-later' }, NOW);
    assert.deepEqual(later.step, { kind: 'signed-in', user, changes: [], go: null });
    assert.deepEqual(fx, [{ type: 'success-event', user, changes: [] }]);
    const [, now] = transition(state, { type: 'enrol-now' }, NOW);
    assert.deepEqual(now, [
      { type: 'navigate', url: 'https://login.example.com/profile#second-factors' },
    ]);
  });

  test('after the deadline "Later" does nothing: by the server’s word or by the clock', () => {
    const required = signedInWith(
      prompt({ required: true, by: new Date(NOW - DAY).toISOString() }),
    );
    const [s1, fx1] = transition(required.state, { type: 'enrol-later' }, NOW);
    assert.equal(s1, required.state);
    assert.deepEqual(fx1, []);
    // The page's clock passed the deadline while the prompt was shown.
    const soon = signedInWith(prompt({ by: new Date(NOW + 60_000).toISOString() }));
    const [s2, fx2] = transition(soon.state, { type: 'enrol-later' }, NOW + 60_000);
    assert.equal(s2.step.kind, 'enrol');
    assert.deepEqual(fx2, []);
  });

  test('"Later" and "Set it up now" mean nothing on other steps', () => {
    const s = initialState();
    for (const type of ['enrol-later', 'enrol-now'] as const) {
      const [next, fx] = transition(s, { type }, NOW);
      assert.equal(next, s);
      assert.deepEqual(fx, []);
    }
  });

  test('after the deadline no sequence of events leaves the prompt but to the profile', () => {
    const start = signedInWith(prompt({ required: true, by: new Date(NOW - DAY).toISOString() }));
    const event = fc.constantFrom<LoginEvent>(
      { type: 'enrol-later' },
      { type: 'continue' },
      { type: 'cancel' },
      { type: 'another-way' },
      { type: 'resume' },
      { type: 'send-new' },
      { type: 'success-shown', go: 'https://jira.example.com/' },
      { type: 'submit-code', code: '123456' },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        let s = start.state;
        for (const e of events) {
          const [next, effects] = transition(s, e, NOW);
          assert.equal(next.step.kind, 'enrol');
          assert.ok(!effects.some((x) => x.type === 'success-event' || x.type === 'navigate'));
          s = next;
        }
      }),
    );
  });
});
