// The widget's state machine (widget/login-machine.ts) without a browser: every step of
// <ipsafezone-login> as state × event → state + effects, driven by the answers the real server
// gives (docs/api.md), and — as a property over arbitrary event sequences — that nothing but
// `/api/session` showing the kept cookie ever leads to "signed in" (fail closed). Run by Node's
// test runner (scripts/test-server.sh includes test/widget/unit; web-test-runner leaves it out).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  initialState,
  transition,
  type CeremonyFactor,
  type Effect,
  type LoginError,
  type LoginEvent,
  type LoginState,
} from '../../../widget/login-machine.js';
import type {
  FactorChangeJson,
  FactorOffer,
  Pending,
  User,
  ZoneInfo,
} from '../../../widget/api-types.js';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const offer = (factor: FactorOffer['factor'], withPassword = true): FactorOffer => ({
  factor,
  withPassword,
});

function zone(mode: ZoneInfo['mode'], factors: FactorOffer[] = []): ZoneInfo {
  const requires = mode === 'password' ? 'password' : mode === '2fa' ? 'second_factor' : 'both';
  return {
    clientIp: '203.0.113.7',
    inside: mode === 'password',
    zone: null,
    active: true,
    mode,
    requires: requires as ZoneInfo['requires'],
    reason: '',
    factors,
  };
}

const error = (code: string, status = 400, retryAfterSeconds = 0): LoginError => ({
  status,
  code,
  message: code,
  retryAfterSeconds,
  requestId: 'req-1',
});

const user: User = {
  username: 'carol',
  displayName: 'Carol',
  email: 'carol@example.com',
  role: 'user',
  secSignId: 'carol',
};

const pending = (over: Partial<Extract<Pending, { factor: 'secsign' }>> = {}): Pending => ({
  status: 'secsign_pending',
  factor: 'secsign',
  transaction: 'tx-1',
  secSignId: 'carol',
  accessPass: null,
  expiresAt: new Date(NOW + 120_000).toISOString(),
  pollAfterMs: 2000,
  deepLink: 'com.secsign.secsignid://',
  ...over,
});

/** Drives the machine: `send` applies an event and keeps the effects of the last one. */
class Run {
  state: LoginState = initialState();
  effects: Effect[] = [];
  now = NOW;
  send(event: LoginEvent): this {
    [this.state, this.effects] = transition(this.state, event, this.now);
    return this;
  }
  get step() {
    return this.state.step;
  }
  get req() {
    return this.state.req;
  }
  effect<T extends Effect['type']>(type: T): Extract<Effect, { type: T }> | undefined {
    return this.effects.find((e): e is Extract<Effect, { type: T }> => e.type === type);
  }
  types(): string[] {
    return this.effects.map((e) => e.type);
  }
  /** Loads with the zone answer `z`. */
  start(
    z: ZoneInfo,
    remembered: LoginState['remembered'] = { password: null, 'secsign-id': null },
  ) {
    this.send({ type: 'load' });
    return this.send({ type: 'zone', req: this.req, zone: z, remembered, ceremonies: [] });
  }
  answer(result: Extract<LoginEvent, { type: 'answer' }>['result']) {
    return this.send({ type: 'answer', req: this.req, result });
  }
  /** Signs in with the password, then the server asks for one of `factors`. */
  secondFactor(transaction: string, factors: FactorOffer[]) {
    this.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    return this.answer({ status: 'second_factor', transaction, factors, expiresAt: '' });
  }
  fail(e: LoginError) {
    return this.send({ type: 'failed', req: this.req, error: e });
  }
}

describe('login machine: the zone answer', () => {
  test('load asks for the zone; its answer shows the mode’s form and is reported', () => {
    const run = new Run().send({ type: 'load' });
    assert.equal(run.step.kind, 'loading');
    assert.deepEqual(run.effects, [{ type: 'fetch-zone', req: run.req }]);
    const z = zone('password');
    run.send({
      type: 'zone',
      req: run.req,
      zone: z,
      remembered: run.state.remembered,
      ceremonies: [],
    });
    assert.equal(run.step.kind, 'password');
    assert.deepEqual(run.effects, [{ type: 'zone-event', zone: z }]);
    assert.equal(new Run().start(zone('2fa', [offer('secsign', false)])).step.kind, 'secsign-id');
    assert.equal(new Run().start(zone('2sa')).step.kind, 'password');
  });

  test('an answer to an older load is dropped', () => {
    const run = new Run().send({ type: 'load' });
    const old = run.req;
    run.send({ type: 'load' });
    run.send({
      type: 'zone',
      req: old,
      zone: zone('password'),
      remembered: run.state.remembered,
      ceremonies: [],
    });
    assert.equal(run.step.kind, 'loading');
    assert.deepEqual(run.effects, []);
  });

  test('unreachable: fails closed, with the error reported and no form', () => {
    const run = new Run().send({ type: 'load' });
    run.send({ type: 'zone-failed', req: run.req, error: error('network', 0) });
    assert.equal(run.step.kind, 'unreachable');
    assert.deepEqual(run.state.notice, { kind: 'error', error: error('network', 0) });
    assert.deepEqual(run.types(), ['error-event']);
    run.send({ type: 'load' });
    assert.equal(run.step.kind, 'loading');
  });

  test('mode 2fa where SecSign ID does not count: the choice comes first', () => {
    const run = new Run().start(zone('2fa', [offer('passkey', false), offer('totp')]));
    assert.deepEqual(run.step, {
      kind: 'choose',
      transaction: null,
      factors: [offer('passkey', false), offer('totp')],
    });
    assert.deepEqual(run.state.notice, { kind: 'choose' });
    assert.deepEqual(
      run.effect('load-ceremonies'),
      { type: 'load-ceremonies', factors: ['passkey'] },
      'the passkey chunk is asked for',
    );
  });

  test('a remembered name ticks "remember me"', () => {
    assert.equal(
      new Run().start(zone('password'), { password: 'carol', 'secsign-id': null }).state.remember,
      true,
    );
    assert.equal(new Run().start(zone('password')).state.remember, false);
  });
});

describe('login machine: password', () => {
  test('signed in only once /api/session shows the cookie; then reported and remembered', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: true });
    assert.equal(run.state.busy, true);
    assert.deepEqual(run.effect('request')?.request, {
      op: 'password',
      username: 'carol',
      password: 'pw',
    });
    // A second submit while the first runs does nothing.
    const before = run.state;
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: true });
    assert.deepEqual(run.effects, []);
    assert.equal(run.state.req, before.req);
    run.answer({ status: 'signed_in', user });
    assert.equal(run.step.kind, 'password', 'not yet signed in');
    assert.deepEqual(run.effects, [{ type: 'session', req: run.req }]);
    run.send({ type: 'session', req: run.req, kept: true, changes: [] });
    assert.deepEqual(run.step, { kind: 'signed-in', user, changes: [], go: null });
    assert.deepEqual(run.state.notice, {
      kind: 'signed-in',
      name: 'Carol',
      recoveryLeft: undefined,
    });
    assert.deepEqual(run.effect('remember'), { type: 'remember', form: 'password', name: 'carol' });
    assert.deepEqual(run.effect('success-event'), { type: 'success-event', user, changes: [] });
    run.send({ type: 'success-shown', go: 'https://jira.example.com/' });
    assert.deepEqual(run.effects, [{ type: 'navigate', url: 'https://jira.example.com/' }]);
  });

  test('unticked "remember me" forgets the name', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.answer({ status: 'signed_in', user });
    run.send({ type: 'session', req: run.req, kept: true, changes: [] });
    assert.deepEqual(run.effect('remember'), { type: 'remember', form: 'password', name: null });
  });

  test('the cookie was not kept: an outcome, never signed in', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.answer({ status: 'signed_in', user });
    run.send({ type: 'session', req: run.req, kept: false, changes: [] });
    assert.equal(run.step.kind, 'outcome');
    assert.equal(run.effect('error-event')?.error.code, 'session_not_kept');
    assert.equal(run.effect('success-event'), undefined);
  });

  test('changes since the last sign-in are told first; "Continue" goes on', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.answer({ status: 'signed_in', user });
    const changes = [
      { change: 'passkey_added', at: '2026-12-06T07:00:00Z', clientIp: null, label: 'Laptop' },
    ];
    run.send({ type: 'session', req: run.req, kept: true, changes: changes as never });
    run.send({ type: 'success-shown', go: '/next' });
    assert.deepEqual(run.effects, [], 'no navigation before "Continue"');
    run.send({ type: 'continue' });
    assert.deepEqual(run.effects, [{ type: 'navigate', url: '/next' }]);
    // Without a place to go, "Continue" closes the notice.
    const stay = new Run().start(zone('password'));
    stay.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    stay.answer({ status: 'signed_in', user });
    stay.send({ type: 'session', req: stay.req, kept: true, changes: changes as never });
    stay.send({ type: 'success-shown', go: null }).send({ type: 'continue' });
    assert.deepEqual(stay.step, { kind: 'signed-in', user, changes: [], go: null });
  });

  test('a wrong password: the error, the password cleared, focus back', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'bad', remember: false });
    run.fail(error('invalid_credentials', 401));
    assert.equal(run.step.kind, 'password');
    assert.equal(run.state.busy, false);
    assert.deepEqual(run.types(), ['error-event', 'clear-field', 'focus']);
    assert.deepEqual(run.effect('clear-field'), { type: 'clear-field', name: 'password' });
  });

  test('blank fields send nothing', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: '', password: 'pw', remember: false });
    assert.deepEqual(run.effects, []);
    assert.equal(run.state.busy, false);
  });

  test('a lock-out holds the name that was locked (any case), not another', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'bad', remember: false });
    run.fail(error('too_many_attempts', 429, 120));
    assert.deepEqual(run.state.lock, { name: 'carol', until: NOW + 120_000 });
    run.send({ type: 'submit-password', username: 'CAROL ', password: 'pw', remember: false });
    assert.deepEqual(run.effects, [], 'the locked name cannot submit');
    run.send({ type: 'submit-password', username: 'dave', password: 'pw', remember: false });
    assert.equal(run.effect('request')?.request.op, 'password');
    // Once the wait is over the name may try again.
    const later = new Run().start(zone('password'));
    later.send({ type: 'submit-password', username: 'carol', password: 'bad', remember: false });
    later.fail(error('too_many_attempts', 429, 0));
    later.now = NOW + 61_000;
    later.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    assert.ok(later.effect('request'));
  });

  test('the network changed under the form: the zone is asked again, the error kept', () => {
    const run = new Run().start(zone('password'));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.fail(error('password_not_used', 403));
    assert.equal(run.step.kind, 'loading');
    assert.deepEqual(run.types(), ['error-event', 'fetch-zone']);
    assert.equal(run.state.notice?.kind, 'error');
  });
});

describe('login machine: the SecSign ID wait', () => {
  function waiting(mode: ZoneInfo['mode'] = '2fa') {
    const run = new Run().start(zone(mode, [offer('secsign', mode === '2sa')]));
    if (mode === '2fa') run.send({ type: 'submit-secsign', id: 'carol', remember: false });
    else run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.answer(pending());
    return run;
  }

  test('pending: the access pass step, polled after the server’s pollAfterMs', () => {
    const run = waiting();
    assert.equal(run.step.kind, 'pending');
    assert.equal(run.state.busy, false);
    assert.deepEqual(run.effects, [
      { type: 'poll', req: run.req, transaction: 'tx-1', after: 2000 },
    ]);
    run.send({
      type: 'polled',
      req: run.req,
      result: { status: 'secsign_pending', state: 1, pollAfterMs: 0 },
    });
    assert.equal(run.effect('poll')?.after, 3500);
    run.send({ type: 'polled', req: run.req, result: { status: 'signed_in', user } });
    assert.deepEqual(run.types(), ['session']);
    run.send({ type: 'session', req: run.req, kept: true, changes: [] });
    assert.equal(run.step.kind, 'signed-in');
    assert.deepEqual(run.effect('remember'), { type: 'remember', form: 'secsign-id', name: null });
  });

  test('the server not there while polling: wait on until the expiry, then secsign_expired', () => {
    const run = waiting();
    run.send({ type: 'poll-failed', req: run.req, error: error('network', 0), serverNow: NOW });
    assert.equal(run.step.kind, 'pending');
    assert.deepEqual(run.state.notice, { kind: 'still-trying' });
    assert.equal(run.effect('poll')?.after, 3500);
    run.send({
      type: 'polled',
      req: run.req,
      result: { status: 'secsign_pending', state: 1, pollAfterMs: 3000 },
    });
    assert.equal(run.state.notice, null, 'the notice goes once an answer is in');
    run.send({
      type: 'poll-failed',
      req: run.req,
      error: error('service_unavailable', 503),
      serverNow: NOW + 120_000,
    });
    assert.equal(run.step.kind, 'outcome');
    assert.equal(run.effect('error-event')?.error.code, 'secsign_expired');
  });

  test('an outcome from SecSign ID ends the wait with its own error', () => {
    const run = waiting();
    run.send({
      type: 'poll-failed',
      req: run.req,
      error: error('secsign_denied', 401),
      serverNow: NOW,
    });
    assert.equal(run.step.kind, 'outcome');
    assert.equal(run.effect('error-event')?.error.code, 'secsign_denied');
  });

  test('cancel: the request is given up and dropped, the form comes back', () => {
    const run = waiting();
    const pollReq = run.req;
    run.send({ type: 'cancel' });
    assert.equal(run.step.kind, 'secsign-id');
    assert.deepEqual(run.state.notice, { kind: 'canceled' });
    assert.deepEqual(run.effects.slice(0, 2), [
      { type: 'abort' },
      { type: 'cancel', transaction: 'tx-1' },
    ]);
    // A poll answer that was under way is dropped.
    run.send({ type: 'polled', req: pollReq, result: { status: 'signed_in', user } });
    assert.deepEqual(run.effects, []);
  });

  test('send a new request: mode 2fa only', () => {
    const run = waiting();
    run.send({ type: 'send-new' });
    assert.deepEqual(run.types(), ['stop-poll', 'cancel', 'request']);
    assert.deepEqual(run.effect('request')?.request, { op: 'secsign', id: 'carol' });
    const twoStep = waiting('2sa');
    twoStep.send({ type: 'send-new' });
    assert.deepEqual(twoStep.effects, []);
  });

  test('put back on the page: the wait polls again', () => {
    const run = waiting();
    run.send({ type: 'resume' });
    assert.equal(run.effect('poll')?.after, 1000);
    const loading = new Run().send({ type: 'load' }).send({ type: 'resume' });
    assert.deepEqual(loading.types(), ['fetch-zone']);
  });

  test('"Use another way" from the wait (after the password) offers the other factors', () => {
    const run = new Run().start(zone('2sa', [offer('secsign'), offer('totp')]));
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    run.answer(pending({ factors: [offer('secsign'), offer('totp'), offer('passkey')] }));
    run.send({ type: 'another-way' });
    assert.deepEqual(run.step, { kind: 'choose', transaction: 'tx-1', factors: [offer('totp')] });
    assert.ok(run.effect('stop-poll'), 'the wait stops polling');
  });
});

describe('login machine: two-step and codes', () => {
  test('one code factor after the password: straight to the code; recovery codes left told', () => {
    const run = new Run().start(zone('2sa', [offer('recovery_code')]));
    run.secondFactor('tx-2', [offer('recovery_code')]);
    assert.deepEqual(run.step, {
      kind: 'code',
      transaction: 'tx-2',
      factor: 'recovery_code',
      factors: [offer('recovery_code')],
    });
    assert.deepEqual(run.state.notice, { kind: 'code', factor: 'recovery_code' });
    run.send({ type: 'submit-code', code: 'abcd-efgh' });
    assert.deepEqual(run.effect('request')?.request, {
      op: 'code',
      transaction: 'tx-2',
      factor: 'recovery_code',
      code: 'abcd-efgh',
    });
    run.answer({ status: 'signed_in', user, recoveryCodesLeft: 7 });
    run.send({ type: 'session', req: run.req, kept: true, changes: [] });
    assert.deepEqual(run.state.notice, { kind: 'signed-in', name: 'Carol', recoveryLeft: 7 });
  });

  test('a wrong code: the error, the code field cleared, the step stays', () => {
    const run = new Run().start(zone('2sa'));
    run.secondFactor('tx-2', [offer('totp')]);
    run.send({ type: 'submit-code', code: '000000' });
    run.fail(error('invalid_code', 401));
    assert.equal(run.step.kind, 'code');
    assert.deepEqual(run.types(), ['error-event', 'clear-field', 'focus']);
    assert.deepEqual(run.effect('clear-field'), { type: 'clear-field', name: 'code' });
  });

  test('several factors: the choice; passkeys only once their chunk runs here', () => {
    const factors = [offer('totp'), offer('passkey')];
    const run = new Run().start(zone('2sa'));
    run.secondFactor('tx-2', factors);
    assert.deepEqual(run.step, { kind: 'choose', transaction: 'tx-2', factors });
    assert.deepEqual(run.effect('load-ceremonies'), {
      type: 'load-ceremonies',
      factors: ['passkey'],
    });
    run.send({ type: 'choose', factor: 'passkey' });
    assert.equal(run.step.kind, 'password', 'passkeys cannot run: back to the first step');
    run.send({ type: 'ceremonies', usable: ['passkey'] });
    run.secondFactor('tx-3', factors);
    assert.equal(run.effect('load-ceremonies'), undefined, 'known to run here: not loaded again');
    run.send({ type: 'choose', factor: 'passkey' });
    assert.deepEqual(run.effect('request')?.request, {
      op: 'ceremony',
      factor: 'passkey',
      transaction: 'tx-3',
      username: 'carol',
    });
    run.fail(error('passkey_canceled', 0));
    assert.equal(run.step.kind, 'choose');
    run.send({ type: 'choose', factor: 'totp' });
    assert.equal(run.step.kind, 'code');
    run.send({ type: 'another-way' });
    assert.deepEqual(run.step, {
      kind: 'choose',
      transaction: 'tx-3',
      factors: [offer('passkey')],
    });
  });

  test('mode 2fa, a code chosen first: the password is held and sent only with the code', () => {
    const factors = [offer('secsign', false), offer('totp')];
    const run = new Run().start(zone('2fa', factors));
    run.send({ type: 'another-way' });
    assert.deepEqual(run.step, { kind: 'choose', transaction: null, factors: [offer('totp')] });
    run.send({ type: 'choose', factor: 'totp' });
    assert.equal(run.step.kind, 'password');
    run.send({ type: 'submit-password', username: 'carol', password: 'pw', remember: false });
    assert.deepEqual(
      run.effects.filter((e) => e.type === 'request'),
      [],
      'the password alone is never sent',
    );
    assert.deepEqual(run.step, { kind: 'code', transaction: null, factor: 'totp', factors });
    run.send({ type: 'submit-code', code: '123456' });
    assert.deepEqual(run.effect('request')?.request, {
      op: 'password',
      username: 'carol',
      password: 'pw',
      second: { factor: 'totp', code: '123456' },
    });
    // Wrong (the server does not say which): the password again, then the code.
    run.fail(error('invalid_credentials', 401));
    assert.equal(run.step.kind, 'password');
    assert.equal(run.state.held, null);
    assert.equal(run.state.notice?.kind, 'error');
    run.send({ type: 'submit-password', username: 'carol', password: 'pw2', remember: false });
    assert.equal(run.step.kind, 'code');
    assert.deepEqual(run.state.held, { username: 'carol', password: 'pw2' });
  });

  test('the passkey button under the SecSign ID form signs in without a name', () => {
    const run = new Run().start(zone('2fa', [offer('secsign', false), offer('passkey', false)]));
    run.send({ type: 'ceremony', factor: 'passkey' });
    assert.deepEqual(run.effect('request')?.request, {
      op: 'ceremony',
      factor: 'passkey',
      transaction: null,
      username: '',
    });
  });
});

describe('login machine: fails closed', () => {
  const anError = fc
    .constantFrom(
      'network',
      'invalid_credentials',
      'too_many_attempts',
      'wrong_step',
      'secsign_denied',
    )
    .map((c) => error(c));
  const factor = fc.constantFrom('secsign', 'passkey', 'totp', 'recovery_code') as fc.Arbitrary<
    FactorOffer['factor']
  >;
  const mode = fc.constantFrom('password', '2fa', '2sa') as fc.Arbitrary<ZoneInfo['mode']>;
  /** Any event but the one that shows the kept cookie; `req` 0 stands for "the latest". */
  const event: fc.Arbitrary<LoginEvent> = fc.oneof(
    fc.constant({ type: 'load' } as const),
    fc.record({
      type: fc.constant('zone' as const),
      req: fc.constant(0),
      zone: fc.tuple(mode, fc.array(factor)).map(([m, f]) =>
        zone(
          m,
          f.map((x) => offer(x)),
        ),
      ),
      remembered: fc.constant({ password: null, 'secsign-id': null }),
      ceremonies: fc.constantFrom<CeremonyFactor[]>([], ['passkey']),
    }),
    fc.record({
      type: fc.constant('submit-password' as const),
      username: fc.constantFrom('', 'carol'),
      password: fc.constantFrom('', 'pw'),
      remember: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('submit-secsign' as const),
      id: fc.constantFrom('', 'carol'),
      remember: fc.boolean(),
    }),
    fc.record({ type: fc.constant('submit-code' as const), code: fc.constantFrom('', '123456') }),
    fc.record({ type: fc.constant('choose' as const), factor }),
    fc.constantFrom<LoginEvent>(
      { type: 'another-way' },
      { type: 'cancel' },
      { type: 'send-new' },
      { type: 'ceremony', factor: 'passkey' },
      { type: 'resume' },
      { type: 'continue' },
    ),
    fc.record({ type: fc.constant('failed' as const), req: fc.constant(0), error: anError }),
    fc.record({
      type: fc.constant('poll-failed' as const),
      req: fc.constant(0),
      error: anError,
      serverNow: fc.constant(NOW),
    }),
    fc.record({
      type: fc.constant('answer' as const),
      req: fc.constant(0),
      result: fc.constantFrom(
        pending(),
        {
          status: 'second_factor',
          transaction: 't',
          factors: [offer('totp'), offer('passkey')],
          expiresAt: '',
        },
        { status: 'signed_in', user },
      ) as fc.Arbitrary<Extract<LoginEvent, { type: 'answer' }>['result']>,
    }),
    fc.record({
      type: fc.constant('polled' as const),
      req: fc.constant(0),
      result: fc.constantFrom(
        { status: 'secsign_pending', state: 1, pollAfterMs: 2000 },
        { status: 'signed_in', user },
      ) as fc.Arbitrary<Extract<LoginEvent, { type: 'polled' }>['result']>,
    }),
    fc.record({
      type: fc.constant('session' as const),
      req: fc.constant(0),
      kept: fc.constant(false),
      changes: fc.constant([] as FactorChangeJson[]),
    }),
  );

  test('without /api/session showing the cookie, no sequence of events signs in', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), (events) => {
        let s = initialState();
        for (const e of events) {
          const sent = 'req' in e ? { ...e, req: s.req } : e;
          const [next, effects] = transition(s, sent, NOW);
          assert.notEqual(next.step.kind, 'signed-in');
          assert.ok(!effects.some((x) => x.type === 'success-event' || x.type === 'navigate'));
          // A form is only ever shown for a zone answer.
          if (next.zone === null)
            assert.ok(!['password', 'secsign-id', 'code', 'choose'].includes(next.step.kind));
          s = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
