/**
 * The effects of the later steps — the login requests, the SecSign ID polling, the session check,
 * the success event, "remember me", navigation — run for the controller (login-controller.ts) by
 * the step chunk: only the full machine, which comes with that chunk, asks for them, so the first
 * bundle carries only what starting needs (asking for the zone, failing closed). Each result goes
 * back to the machine as an event; a dropped (aborted) request sends nothing.
 */
import type { LitElement } from 'lit';
import { ApiError, type LoginApi } from './api-client.js';
import type { StepResult, ZoneInfo } from './api-types.js';
import { IpsafezoneSuccessEvent } from './events.js';
import { loadFactorViews, usableCeremonies } from './factors/index.js';
import { loadEnrolPrompt } from './enrol-loader.js';
import type { Effect, FormKind, LoginError, LoginEvent, LoginRequest } from './login-types.js';
import { safeReturnUrl } from './return-to.js';

/** The element, as the controller and these effects see it. */
export type LoginHost = LitElement & { server: string; returnTo: string };

/** What the controller lends these effects. */
export interface EffectRunner {
  readonly host: LoginHost;
  readonly api: LoginApi;
  /** The signal of the request running now. */
  readonly signal: AbortSignal | undefined;
  send(event: LoginEvent): void;
  /** A fresh signal; the request before it is dropped, the poll timer stopped. */
  nextSignal(): AbortSignal;
  stop(): void;
  /** Runs `poll` after `ms` (the one poll timer). */
  schedule(poll: () => void, ms: number): void;
  /** Loads the factor views an answer may lead to. */
  viewsFor(answer: ZoneInfo | StepResult): Promise<void>;
}

export const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** Any failure as the machine's error: an `ApiError`, or "the server cannot be reached". */
export const asError = (e: unknown): LoginError =>
  e instanceof ApiError ? e : new ApiError(0, 'network', 'The sign-in server cannot be reached.');

/** `localStorage`, which a privacy mode may forbid: then nothing is remembered. */
export function store(form: FormKind, value?: string | null): string | null {
  const key = `ipsafezone-login:${form}`;
  try {
    if (value === null) localStorage.removeItem(key);
    else if (value !== undefined) localStorage.setItem(key, value);
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function call(c: EffectRunner, r: LoginRequest, signal: AbortSignal): Promise<StepResult> {
  switch (r.op) {
    case 'password':
      return c.api.password(r.username, r.password, signal, r.second);
    case 'secsign':
      return c.api.secsign(r.id, signal);
    case 'code':
      return c.api.code(r.transaction, r.factor, r.code, signal);
    case 'send':
      return c.api.send(r.transaction, r.factor, signal);
    case 'ceremony':
      return loadFactorViews([r.factor]).then((views) => {
        const signIn = views[r.factor]?.signIn;
        if (!signIn) throw new ApiError(0, 'bad_response', 'This sign-in cannot run here.');
        return signIn(c.api, r.transaction, r.username, signal);
      });
  }
}

async function request(c: EffectRunner, req: number, r: LoginRequest): Promise<void> {
  const signal = c.nextSignal();
  try {
    const result = await call(c, r, signal);
    await c.viewsFor(result).catch(() => undefined);
    if (result.status === 'signed_in' && result.enrol) await loadEnrolPrompt();
    c.send({ type: 'answer', req, result });
  } catch (e) {
    if (!isAbort(e)) c.send({ type: 'failed', req, error: asError(e) });
  }
}

async function poll(c: EffectRunner, req: number, transaction: string): Promise<void> {
  if (!c.host.isConnected) return;
  const signal = c.nextSignal();
  try {
    const result = await c.api.status(transaction, signal);
    c.send({ type: 'polled', req, result });
  } catch (e) {
    if (isAbort(e)) return;
    const serverNow = Date.now() + c.api.skew;
    c.send({ type: 'poll-failed', req, error: asError(e), serverNow });
  }
}

/**
 * Signed in, as the backend says — but success counts only once the browser shows the session:
 * a cookie refused (another site, third-party cookies blocked) is an error, not success.
 */
async function session(c: EffectRunner, req: number): Promise<void> {
  try {
    const answer = await c.api.session(c.signal);
    c.send({ type: 'session', req, kept: !!answer.user, changes: answer.factorChanges ?? [] });
  } catch (e) {
    if (!isAbort(e)) c.send({ type: 'session', req, kept: false, changes: [] });
  }
}

/** Runs one effect of the later steps. */
export function runEffect(c: EffectRunner, e: Effect): void {
  const host = c.host;
  switch (e.type) {
    case 'request':
      return void request(c, e.req, e.request);
    case 'poll':
      return c.schedule(() => void poll(c, e.req, e.transaction), e.after);
    case 'session':
      return void session(c, e.req);
    case 'cancel':
      return void c.api.cancel(e.transaction).catch(() => undefined);
    case 'load-ceremonies':
      return void loadFactorViews(e.factors).then(
        (v) => c.send({ type: 'ceremonies', usable: usableCeremonies(v) }),
        () => undefined,
      );
    case 'success-event': {
      const detail = { user: e.user, factorChanges: e.changes };
      const go = host.dispatchEvent(new IpsafezoneSuccessEvent(detail));
      const url = go && host.returnTo ? safeReturnUrl(host.returnTo, document.baseURI) : null;
      if (go && host.returnTo && !url)
        console.warn('ipsafezone-login: return-to is not on this origin');
      return c.send({ type: 'success-shown', go: url });
    }
    case 'remember':
      return void store(e.form, e.name);
    case 'navigate':
      return window.location.assign(e.url);
    case 'clear-field': {
      const input = host.querySelector<HTMLInputElement>(`input[name=${e.name}]`);
      if (input) input.value = '';
      return;
    }
  }
}
