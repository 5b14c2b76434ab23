/**
 * The embedded ID server's memory and rules, apart from HTTP: which SecSign IDs exist, the auth
 * sessions and their state machine, expiry by the injected clock, suspension of an older pending
 * request, and the freeze after too many requests — which, as at SecSign, lasts until the ID's owner
 * reactivates the ID on the phone (here: the phone page's "Reactivate"). Both the httpapi routes and
 * the phone pages work on this one object, so what the phone does is exactly what the protocol
 * reports. Request ids are 64 upper-case hex characters, like the one real sample on record
 * (SecSign's Jira plugin), and are compared byte for byte.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../server/platform/clock.js';
import { AuthSessionState, type AuthSessionRef } from '../../server/secsign/types.js';
import { normalizeSecSignId } from '../../server/secsign/wire.js';
import { SYMBOLS } from './symbols.js';

/** Requests for one ID allowed within {@link FREEZE_WINDOW_MS}; one more freezes the ID. */
export const MAX_REQUESTS_PER_WINDOW = 3;
export const FREEZE_WINDOW_MS = 60_000;
/** Sessions kept at most; the oldest are forgotten first. */
const MAX_SESSIONS = 10_000;

/** One auth session as the simulator holds it. */
export interface SimSession {
  readonly secSignId: string;
  readonly authSessionId: string;
  readonly requestId: string;
  readonly serviceName: string;
  readonly serviceAddress: string;
  readonly showAccessPass: boolean;
  /** Which API asked for it: the httpapi form protocol or REST v2. */
  readonly api: 'form' | 'rest';
  /** Name of the access-pass symbol (see `SYMBOLS`); shown on the login page. */
  readonly symbol: string;
  /** The symbols the phone offers, shuffled once: the right one and the decoys. Empty without access pass. */
  readonly choices: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number;
  state: AuthSessionState;
}

export interface IdServerStateOptions {
  clock: Clock;
  sessionTtlMs?: number;
  ids?: Iterable<string>;
  decoys?: number;
}

export type RequestOutcome =
  { ok: true; session: SimSession } | { ok: false; reason: 'no_such_id' | 'id_frozen' };

/** What the phone may do with a request: only open ones (PENDING or FETCHED) can be answered. */
export type PhoneOutcome =
  | { ok: true; session: SimSession }
  | { ok: false; reason: 'not_found' | 'not_open'; session?: SimSession };

const OPEN_STATES: ReadonlySet<AuthSessionState> = new Set([
  AuthSessionState.PENDING,
  AuthSessionState.FETCHED,
]);

/** The simulator's state; every read first applies expiry by the clock. */
export class IdServerState {
  readonly clock: Clock;
  readonly sessionTtlMs: number;
  readonly decoys: number;
  private readonly ids = new Set<string>();
  private readonly frozen = new Set<string>();
  private readonly recentRequests = new Map<string, number[]>();
  private readonly byId = new Map<string, SimSession>();

  constructor(options: IdServerStateOptions) {
    this.clock = options.clock;
    this.sessionTtlMs = options.sessionTtlMs ?? 120_000;
    this.decoys = options.decoys ?? 3;
    if (!Number.isInteger(this.decoys) || this.decoys < 0 || this.decoys >= SYMBOLS.length) {
      throw new RangeError(`decoys must be an integer from 0 to ${SYMBOLS.length - 1}`);
    }
    if (!(this.sessionTtlMs > 0)) throw new RangeError('sessionTtlMs must be positive');
    for (const id of options.ids ?? []) this.registerId(id);
  }

  /** Makes a SecSign ID known (trimmed, lower-cased). */
  registerId(id: string): void {
    const norm = normalizeSecSignId(id);
    if (norm === '') throw new RangeError('A SecSign ID cannot be empty');
    this.ids.add(norm);
  }

  hasId(id: string): boolean {
    return this.ids.has(normalizeSecSignId(id));
  }

  /** Forgets every session, request count and freeze (the known IDs stay): a fresh start for tests. */
  reset(): void {
    this.frozen.clear();
    this.recentRequests.clear();
    this.byId.clear();
  }

  /** Freezes an ID, as if it had had too many requests: it stays frozen until {@link unfreeze}. */
  freeze(id: string): void {
    this.frozen.add(normalizeSecSignId(id));
  }

  /** Reactivates a frozen ID (the owner tapped it in the app). Returns whether it was frozen. */
  unfreeze(id: string): boolean {
    const norm = normalizeSecSignId(id);
    this.recentRequests.delete(norm);
    return this.frozen.delete(norm);
  }

  isFrozen(id: string): boolean {
    return this.frozen.has(normalizeSecSignId(id));
  }

  /**
   * ReqRequestAuthSession: a new PENDING session for a known, unfrozen ID. An older open session
   * of that ID becomes SUSPENDED. The request that exceeds the rate freezes the ID and is refused.
   */
  requestSession(input: {
    secSignId: string;
    serviceName: string;
    serviceAddress: string;
    showAccessPass: boolean;
    api?: 'form' | 'rest';
  }): RequestOutcome {
    const id = normalizeSecSignId(input.secSignId);
    if (!this.ids.has(id)) return { ok: false, reason: 'no_such_id' };
    const now = this.clock.now();
    if (this.frozen.has(id)) return { ok: false, reason: 'id_frozen' };

    const recent = (this.recentRequests.get(id) ?? []).filter((t) => t > now - FREEZE_WINDOW_MS);
    recent.push(now);
    if (recent.length > MAX_REQUESTS_PER_WINDOW) {
      this.frozen.add(id);
      this.recentRequests.delete(id);
      return { ok: false, reason: 'id_frozen' };
    }
    this.recentRequests.set(id, recent);

    for (const older of this.openSessionsOf(id)) older.state = AuthSessionState.SUSPENDED;
    this.prune(now);

    const symbolIndex = randomInt(SYMBOLS.length);
    const session: SimSession = {
      secSignId: id,
      authSessionId: this.newAuthSessionId(),
      requestId: randomBytes(32).toString('hex').toUpperCase(),
      serviceName: input.serviceName,
      serviceAddress: input.serviceAddress,
      showAccessPass: input.showAccessPass,
      api: input.api ?? 'form',
      symbol: SYMBOLS[symbolIndex]!.name,
      choices: input.showAccessPass ? this.pickChoices(symbolIndex) : [],
      createdAt: now,
      expiresAt: now + this.sessionTtlMs,
      state: AuthSessionState.PENDING,
    };
    this.byId.set(session.authSessionId, session);
    return { ok: true, session };
  }

  /** The session a protocol request names, when the ID and the request ID (byte for byte) match too. */
  lookup(ref: AuthSessionRef): SimSession | undefined {
    const session = this.get(ref.authSessionId);
    if (!session) return undefined;
    if (session.secSignId !== normalizeSecSignId(ref.secSignId)) return undefined;
    if (session.requestId !== ref.requestId) return undefined;
    return session;
  }

  /** ReqCancelAuthSession: CANCELED from any state; INVALID when the session is unknown. */
  cancel(ref: AuthSessionRef): AuthSessionState {
    return this.cancelSession(this.lookup(ref));
  }

  /** REST v2's DELETE: names a session by its id alone. */
  cancelById(authSessionId: string): AuthSessionState {
    return this.cancelSession(this.get(authSessionId));
  }

  private cancelSession(session: SimSession | undefined): AuthSessionState {
    if (!session) return AuthSessionState.INVALID;
    session.state = AuthSessionState.CANCELED;
    return session.state;
  }

  /** Open (PENDING or FETCHED, not expired) sessions of an ID, oldest first. */
  openSessionsOf(secSignId: string): SimSession[] {
    const id = normalizeSecSignId(secSignId);
    const out: SimSession[] = [];
    for (const session of this.byId.values()) {
      this.applyExpiry(session);
      if (session.secSignId === id && OPEN_STATES.has(session.state)) out.push(session);
    }
    return out;
  }

  /** The phone opens a request: PENDING becomes FETCHED (FETCHED stays). */
  open(secSignId: string, authSessionId: string): PhoneOutcome {
    const found = this.phoneLookup(secSignId, authSessionId);
    if (!found.ok) return found;
    found.session.state = AuthSessionState.FETCHED;
    return found;
  }

  /**
   * The phone answers a request: the right symbol (or, without access pass, `accept`) makes it
   * AUTHENTICATED; any other symbol or `deny` makes it DENIED.
   */
  answer(
    secSignId: string,
    authSessionId: string,
    answer: { symbol: string } | 'accept' | 'deny',
  ): PhoneOutcome {
    const found = this.phoneLookup(secSignId, authSessionId);
    if (!found.ok) return found;
    const session = found.session;
    let approved = false;
    if (answer === 'accept') approved = !session.showAccessPass;
    else if (answer !== 'deny')
      approved = session.showAccessPass && answer.symbol === session.symbol;
    session.state = approved ? AuthSessionState.AUTHENTICATED : AuthSessionState.DENIED;
    return found;
  }

  /** Sets a session's state by hand (tests and demos); throws for an unknown session. */
  setState(authSessionId: string, state: AuthSessionState): void {
    const session = this.byId.get(authSessionId);
    if (!session) throw new RangeError(`No auth session ${authSessionId}`);
    session.state = state;
  }

  /** The session with this ID, expiry applied. */
  get(authSessionId: string): SimSession | undefined {
    const session = this.byId.get(authSessionId);
    if (session) this.applyExpiry(session);
    return session;
  }

  /** Copies of all sessions, oldest first, expiry applied. */
  snapshot(): ReadonlyArray<Readonly<SimSession>> {
    return [...this.byId.values()].map((s) => {
      this.applyExpiry(s);
      return { ...s, choices: [...s.choices] };
    });
  }

  private phoneLookup(secSignId: string, authSessionId: string): PhoneOutcome {
    const session = this.get(authSessionId);
    if (!session || session.secSignId !== normalizeSecSignId(secSignId)) {
      return { ok: false, reason: 'not_found' };
    }
    if (!OPEN_STATES.has(session.state)) return { ok: false, reason: 'not_open', session };
    return { ok: true, session };
  }

  private applyExpiry(session: SimSession): void {
    if (OPEN_STATES.has(session.state) && this.clock.now() >= session.expiresAt) {
      session.state = AuthSessionState.EXPIRED;
    }
  }

  private pickChoices(symbolIndex: number): string[] {
    const others = SYMBOLS.map((_, i) => i).filter((i) => i !== symbolIndex);
    shuffle(others);
    const picked = [symbolIndex, ...others.slice(0, this.decoys)];
    shuffle(picked);
    return picked.map((i) => SYMBOLS[i]!.name);
  }

  private newAuthSessionId(): string {
    for (;;) {
      const id = randomBytes(8).readBigInt64BE().toString();
      if (!this.byId.has(id)) return id;
    }
  }

  /** Forgets sessions that ended long ago, and the oldest ones beyond the cap. */
  private prune(now: number): void {
    const horizon = now - 10 * this.sessionTtlMs;
    for (const [key, session] of this.byId) {
      if (session.createdAt < horizon) this.byId.delete(key);
    }
    while (this.byId.size >= MAX_SESSIONS) {
      const oldest = this.byId.keys().next().value;
      if (oldest === undefined) break;
      this.byId.delete(oldest);
    }
  }
}

/** Fisher-Yates with a cryptographic source, in place. */
function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
