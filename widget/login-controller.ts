/**
 * The Lit ReactiveController that runs `<ipsafezone-login>`'s state machine (login-machine.ts): it
 * holds the state, feeds the machine events, and carries out the effects the machine asks for,
 * feeding each result back as an event. Starting is its own: asking `/api/zone` (or taking the
 * page's `zone-hint`) while loading the words, the step chunk (steps.ts: the whole machine, the
 * later steps' views and effects, login-effects.ts) and the views of the factors the zone answer
 * names (factors/index.ts) — so the later steps load while the user reads the first. All requests
 * go through the API client (api-client.ts); each drops the one before it (one AbortController).
 * Disconnecting stops everything, connecting again resumes.
 */
import type { ReactiveController } from 'lit';
import { ApiError, LoginApi } from './api-client.js';
import type { FactorChoiceName, StepResult, ZoneInfo } from './api-types.js';
import { IpsafezoneErrorEvent, IpsafezoneZoneEvent } from './events.js';
import { loadFactorViews, usableCeremonies } from './factors/index.js';
import type { EffectRunner, LoginHost } from './login-effects.js';
import { initialState, startTransition } from './login-start.js';
import type { Effect, LoginEvent, LoginState } from './login-types.js';
import type { FactorViews } from './step-view.js';
import { loadTerms } from './terms.js';

/** The factors whose views an answer may lead to. */
function factorsOf(r: ZoneInfo | StepResult): FactorChoiceName[] {
  if ('mode' in r)
    return r.mode === 'password' ? [] : ['secsign', ...r.factors.map((o) => o.factor)];
  const waits: FactorChoiceName[] = r.status === 'secsign_pending' ? [r.factor] : [];
  return r.status === 'signed_in' ? [] : [...waits, ...(r.factors ?? []).map((o) => o.factor)];
}

/** The step chunk (steps.ts), once loaded: shared by every element on the page. */
let steps: typeof import('./steps.js') | undefined;

export class LoginController implements ReactiveController, EffectRunner {
  state: LoginState = initialState();
  /** The page's clock at the last event or tick (countdown, lock-out). */
  now = Date.now();
  /** The views of the factors loaded so far. */
  views: FactorViews = {};
  api = new LoginApi('');
  private aborter: AbortController | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(readonly host: LoginHost) {
    host.addController(this);
  }

  /** The step chunk, once in. */
  get steps(): typeof steps {
    return steps;
  }

  get signal(): AbortSignal | undefined {
    return this.aborter?.signal;
  }

  /** The element's language: its `lang`, the nearest one up the tree, else the document's. */
  get lang(): string {
    const el = this.host;
    return (
      el.lang ||
      el.closest?.('[lang]')?.getAttribute('lang') ||
      (globalThis.document?.documentElement.lang ?? '')
    );
  }

  /** Applies an event and runs the effects the machine asks for. */
  send = (event: LoginEvent): void => {
    // Until the step chunk brings the whole machine, only its start runs (loading, unreachable).
    const transition = steps?.transition ?? startTransition;
    const [next, effects] = transition(this.state, event, Date.now());
    this.state = next;
    this.now = Date.now();
    this.host.requestUpdate();
    for (const effect of effects) this.run(effect);
  };

  /** A (new) backend: start over. */
  connect(server: string): void {
    this.api = new LoginApi(server);
    this.send({ type: 'load' });
  }

  hostConnected(): void {
    // Back on the page after being moved: resume what disconnecting stopped.
    if (this.host.hasUpdated) this.send({ type: 'resume' });
  }

  hostDisconnected(): void {
    this.stop();
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Ticks each second while a countdown or a lock-out is shown. */
  hostUpdated(): void {
    const s = this.state;
    const needTick = s.step.kind === 'pending' || s.lock.until > this.now;
    if (needTick && !this.ticker) {
      this.ticker = setInterval(() => {
        this.now = Date.now();
        this.host.requestUpdate();
      }, 1000);
    } else if (!needTick && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** The form lives in light DOM; its sheet goes into whatever root holds the element. */
  adoptLightStyles(): void {
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const sheet = steps?.lightStyles.styleSheet;
    if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  /** Moves focus to the first field or button of the step, unless the user is busy elsewhere. */
  focus(): void {
    const host = this.host;
    void host.updateComplete.then(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active !== host && !host.contains(active)) return;
      const inputs = [...host.querySelectorAll<HTMLInputElement>('.ipsz-input')];
      const target =
        inputs.find((i) => !i.value) ??
        inputs[0] ??
        host.renderRoot.querySelector<HTMLElement>('[part~=cancel-button], .primary');
      target?.focus();
    });
  }

  stop(): void {
    this.aborter?.abort();
    clearTimeout(this.pollTimer);
  }

  nextSignal(): AbortSignal {
    this.stop();
    this.aborter = new AbortController();
    return this.aborter.signal;
  }

  schedule(poll: () => void, ms: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(poll, Math.min(Math.max(ms, 1000), 10000));
  }

  async viewsFor(answer: ZoneInfo | StepResult): Promise<void> {
    Object.assign(this.views, await loadFactorViews(factorsOf(answer)));
  }

  private run(e: Effect): void {
    const host = this.host;
    switch (e.type) {
      case 'fetch-zone':
        return void this.fetchZone(e.req);
      case 'abort':
        return this.stop();
      case 'stop-poll':
        return clearTimeout(this.pollTimer);
      case 'focus':
        return this.focus();
      case 'zone-event':
        return void host.dispatchEvent(new IpsafezoneZoneEvent(e.zone));
      case 'error-event': {
        const { code, message, status, requestId } = e.error;
        return void host.dispatchEvent(
          new IpsafezoneErrorEvent({ code, message, status, requestId }),
        );
      }
      default:
        return steps?.runEffect(this, e);
    }
  }

  private async fetchZone(req: number): Promise<void> {
    const signal = this.nextSignal();
    try {
      // The page's own zone answer (`zone-hint`) counts for the first load only; retrying asks.
      const hint = !this.host.hasUpdated && this.host.getAttribute('zone-hint');
      const [zone] = await Promise.all([
        hint ? (JSON.parse(hint) as ZoneInfo) : this.api.zone(signal),
        loadTerms(this.lang),
        steps ?? import('./steps.js').then((m) => (steps = m)),
      ]);
      await this.viewsFor(zone);
      if (signal.aborted) return;
      this.adoptLightStyles();
      const { store } = steps!;
      const remembered = { password: store('password'), 'secsign-id': store('secsign-id') };
      const ceremonies = usableCeremonies(this.views);
      this.send({ type: 'zone', req, zone, remembered, ceremonies });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      // The server answered (a refusal): its words can load, so the refusal reads in the page's language.
      if (e instanceof ApiError && e.status) await loadTerms(this.lang).catch(() => undefined);
      if (signal.aborted) return;
      const error =
        e instanceof ApiError
          ? e
          : new ApiError(0, 'network', 'The sign-in server cannot be reached.');
      this.send({ type: 'zone-failed', req, error });
    }
  }
}
