/**
 * The `<ipsafezone-login>` element's class: asks the backend where the user stands, shows the form
 * for that mode (password; SecSign ID; password then SecSign ID), runs the access pass step and
 * reports every outcome. It fails closed: when the backend cannot be reached it offers only a retry,
 * never another way in. All state is per instance; `server` points it at any backend (tests too).
 */
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { ApiError, LoginApi } from './api-client.js';
import type { Pending, StepResult, User, ZoneInfo } from './api-types.js';
import { IpsafezoneErrorEvent, IpsafezoneSuccessEvent, IpsafezoneZoneEvent } from './events.js';
import { lightStyles, shadowStyles } from './ipsafezone-login.styles.js';
import { renderForm } from './render-forms.js';
import { renderAction, renderLoading, renderPass } from './render-panels.js';
import { safeReturnUrl } from './return-to.js';
import { errorText, pickTerms, type Terms } from './terms.js';

/** Which step the element shows; also reflected as the host's `data-step` attribute. */
export type LoginStep =
  'loading' | 'unreachable' | 'password' | 'secsign-id' | 'pending' | 'outcome' | 'signed-in';

type Step =
  | { kind: 'loading' | 'unreachable' | 'password' | 'secsign-id' | 'outcome' }
  | { kind: 'pending'; pending: Pending }
  | { kind: 'signed-in'; user: User };

/** Answers that mean "the server is not there right now": poll again, never let anyone in. */
const TRANSIENT = /^(network|bad_response|service_unavailable|secsign_unreachable)$/;

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** A text field of the element's own form (text inputs only: never a File). */
const field = (data: FormData, name: string) => (data.get(name) as string | null) ?? '';

/**
 * Network-aware sign-in for Atlassian login pages: a password inside the company network, SecSign ID
 * (or password then SecSign ID) outside it.
 *
 * @summary Sign in with a password inside the safe zone, with SecSign ID outside it.
 *
 * @attr zone-hint - The `GET /api/zone` answer as JSON, rendered into the page by the ipsafezone
 *   server for that very request, so the first form needs no round trip. Read for the first load
 *   only (retrying asks the server); a rendering hint only, the server decides every step itself.
 *   Leave it out when embedding.
 *
 * @event {IpsafezoneZoneEvent} ipsafezone-zone - The `/api/zone` answer arrived; `detail` is it.
 * @event {IpsafezoneSuccessEvent} ipsafezone-success - Signed in; `detail.user`. Cancelable:
 *   `preventDefault()` keeps the element from navigating to `return-to`.
 * @event {IpsafezoneErrorEvent} ipsafezone-error - An error or SecSign outcome is shown;
 *   `detail.code`, `detail.message`, `detail.status`.
 *
 * @slot - Fallback content (e.g. a no-JavaScript note); never shown once the element runs.
 * @slot form - Used by the element itself for its light-DOM `<form>`; leave it alone.
 *
 * @csspart base - The card around everything.
 * @csspart statement - Where the user stands and what to do.
 * @csspart status - The live region with errors and notices.
 * @csspart access-pass - The access pass step.
 * @csspart access-pass-image - The access pass symbol.
 * @csspart countdown - The waiting line with the time left.
 * @csspart spinner - The waiting indicator.
 * @csspart button - Every button in the shadow root (cancel, retry, start again, deep link).
 * @csspart cancel-button - Cancel on the access pass step.
 * @csspart retry-button - "Try again" when the server is unreachable, "Start again" after an outcome.
 * @csspart deep-link - The link that opens the SecSign ID app on a phone.
 *
 * @cssprop [--ipsafezone-primary=#0052CC] - Primary button and accent colour.
 * @cssprop [--ipsafezone-on-primary=#FFFFFF] - Text on the primary colour.
 * @cssprop [--ipsafezone-text=#172B4D] - Text colour.
 * @cssprop [--ipsafezone-subtle-text=#5E6C84] - Labels and the waiting line.
 * @cssprop [--ipsafezone-background=#FFFFFF] - Card background.
 * @cssprop [--ipsafezone-input-background=#FAFBFC] - Input background.
 * @cssprop [--ipsafezone-border=#DFE1E6] - Input borders, secondary buttons.
 * @cssprop [--ipsafezone-focus=#4C9AFF] - Focus ring.
 * @cssprop [--ipsafezone-danger=#DE350B] - Error accent.
 * @cssprop [--ipsafezone-radius=3px] - Corner radius.
 * @cssprop [--ipsafezone-font=system-ui stack] - Font family.
 * @cssprop [--ipsafezone-font-size=14px] - Base font size.
 * @cssprop [--ipsafezone-padding=clamp(16px, 5vw, 24px)] - Card padding.
 * @cssprop [--ipsafezone-shadow=Atlassian card shadow] - Card shadow; `none` to drop it.
 * @cssprop [--ipsafezone-max-width=400px] - Widest the element grows.
 */
export class IpsafezoneLogin extends LitElement {
  static override styles = shadowStyles;

  // Declared without decorators: smaller bundle, and no decorator-transform trap in any build tool.
  static override properties = {
    server: {},
    returnTo: { attribute: 'return-to' },
    lang: {},
    username: {},
    deepLink: { attribute: 'deep-link' },
    current: { state: true },
    zone: { state: true },
    notice: { state: true },
    busy: { state: true },
    now: { state: true },
    lockedUntil: { state: true },
  };

  /** Origin of the ipsafezone backend, e.g. `https://auth.example.com`. Empty: the page's origin. */
  server = '';

  /**
   * Where to go after signing in. Only a relative address or one on the page's own origin is
   * followed; anything else is ignored (no open redirects).
   */
  returnTo = '';

  /** `en` or `de`. Empty: the nearest `lang` attribute up the tree, else `<html lang>`. */
  override lang = '';

  /** Prefills the first field: the username, or the SecSign ID in mode `2fa`. */
  username = '';

  /** When to offer the link that opens the SecSign ID app: `auto` (on phones), `always`, `never`. */
  deepLink: 'auto' | 'always' | 'never' = 'auto';

  private current: Step = { kind: 'loading' };
  private zone: ZoneInfo | null = null;
  private notice: { text: string; error: boolean } | null = null;
  private busy = false;
  private now = Date.now();
  private lockedUntil = 0;

  private api = new LoginApi('');
  private controller: AbortController | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private lastUsername = '';

  /** The step shown now (also the host's `data-step` attribute). */
  get step(): LoginStep {
    return this.current.kind;
  }

  /** Asks `/api/zone` again and starts over (what "Try again" and "Start again" do). */
  reload(): void {
    void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.adoptLightStyles();
    // Back on the page after being moved: resume what disconnecting stopped.
    if (this.hasUpdated) {
      if (this.current.kind === 'loading') void this.load();
      if (this.current.kind === 'pending') this.schedulePoll(1000);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    clearTimeout(this.pollTimer);
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) {
      this.api = new LoginApi(this.server);
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues): void {
    render(this.renderLight(), this, { host: this });
    this.dataset.step = this.current.kind;
    const needTick = this.current.kind === 'pending' || this.lockedUntil > this.now;
    if (needTick && !this.ticker) {
      this.ticker = setInterval(() => (this.now = Date.now()), 1000);
    } else if (!needTick && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    const before = changed.get('current') as Step | undefined;
    if (changed.has('current') && before?.kind !== this.current.kind) this.focusStep();
  }

  private get terms(): Terms {
    return pickTerms(
      this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang,
    );
  }

  /** The form lives in light DOM; its sheet goes into whatever root holds the element. */
  private adoptLightStyles(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = lightStyles.styleSheet;
    if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  /** A fresh AbortController for the next request; the previous request is dropped. */
  private nextSignal(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  private startStep(): Step {
    return { kind: this.zone?.mode === '2fa' ? 'secsign-id' : 'password' };
  }

  private async load(keep: { text: string; error: boolean } | null = null): Promise<void> {
    clearTimeout(this.pollTimer);
    this.current = { kind: 'loading' };
    this.notice = keep;
    this.busy = false;
    const signal = this.nextSignal();
    try {
      // The page's own answer counts for the first load only; retrying asks the server.
      const hint = !this.hasUpdated && this.getAttribute('zone-hint');
      this.zone = hint ? (JSON.parse(hint) as ZoneInfo) : await this.api.zone(signal);
      this.current = this.startStep();
      this.dispatchEvent(new IpsafezoneZoneEvent(this.zone));
    } catch (e) {
      if (isAbort(e)) return;
      this.zone = null;
      this.current = { kind: 'unreachable' };
      this.fail(e);
    }
  }

  /** Shows an error in the live region and fires `ipsafezone-error`. */
  private fail(e: unknown): ApiError {
    const err =
      e instanceof ApiError
        ? e
        : new ApiError(0, 'network', 'The sign-in server cannot be reached.');
    const t = this.terms;
    const text =
      err.code === 'too_many_attempts'
        ? t.lockedOut(Math.ceil((err.retryAfterSeconds || 60) / 60))
        : (errorText(t, err.code) ?? err.message);
    this.notice = { text, error: true };
    this.dispatchEvent(
      new IpsafezoneErrorEvent({ code: err.code, message: err.message, status: err.status }),
    );
    return err;
  }

  private handlePasswordSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const username = field(data, 'username').trim();
    const password = field(data, 'password');
    this.lastUsername = username;
    void this.submit(username && password ? (s) => this.api.password(username, password, s) : null);
  };

  private handleSecSignSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const id = field(new FormData(e.target as HTMLFormElement), 'secSignId').trim();
    this.lastUsername = id;
    void this.submit(id ? (s) => this.api.secsign(id, s) : null);
  };

  /** Runs one login step; `null` means a field holds only blanks (the browser checks `required`). */
  private async submit(step: ((s: AbortSignal) => Promise<StepResult>) | null): Promise<void> {
    if (!step || this.busy || this.lockedUntil > Date.now()) return;
    this.busy = true;
    this.notice = null;
    const signal = this.nextSignal();
    try {
      const result = await step(signal);
      if (result.status === 'signed_in') this.succeed(result.user);
      else {
        this.current = { kind: 'pending', pending: result };
        this.now = Date.now();
        this.schedulePoll(result.pollAfterMs || 2000);
      }
    } catch (e) {
      if (isAbort(e)) return;
      const err = this.fail(e);
      if (err.code === 'too_many_attempts') {
        this.lockedUntil = Date.now() + (err.retryAfterSeconds || 60) * 1000;
        this.now = Date.now();
      }
      if (err.code === 'password_not_used' || err.code === 'wrong_step') {
        void this.load(this.notice);
        return;
      }
      const pw = this.querySelector<HTMLInputElement>('input[name=password]');
      if (pw && err.code === 'invalid_credentials') pw.value = '';
      this.focusStep();
    } finally {
      this.busy = false;
    }
  }

  private schedulePoll(ms: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), Math.min(Math.max(ms, 1000), 10000));
  }

  private async poll(): Promise<void> {
    const step = this.current;
    if (step.kind !== 'pending' || !this.isConnected) return;
    const signal = this.nextSignal();
    try {
      const result = await this.api.status(step.pending.transaction, signal);
      if (this.current !== step) return;
      if (result.status === 'signed_in') return this.succeed(result.user);
      if (this.notice) this.notice = null;
      this.schedulePoll(result.pollAfterMs || 3500);
    } catch (e) {
      if (isAbort(e) || this.current !== step) return;
      const code = e instanceof ApiError ? e.code : 'network';
      const expired = Date.parse(step.pending.expiresAt) <= Date.now();
      if (TRANSIENT.test(code) && !expired) {
        this.notice = { text: this.terms.stillTrying, error: false };
        this.schedulePoll(3500);
        return;
      }
      this.current = { kind: 'outcome' };
      this.fail(
        TRANSIENT.test(code) ? new ApiError(401, 'secsign_expired', 'The request timed out.') : e,
      );
    }
  }

  private handleCancel = (): void => {
    const step = this.current;
    if (step.kind !== 'pending') return;
    clearTimeout(this.pollTimer);
    this.controller?.abort();
    void this.api.cancel(step.pending.transaction).catch(() => undefined);
    this.current = this.startStep();
    this.notice = { text: this.terms.canceled, error: false };
  };

  private handleRetry = (): void => this.reload();

  private succeed(user: User): void {
    clearTimeout(this.pollTimer);
    this.current = { kind: 'signed-in', user };
    this.notice = { text: this.terms.signedIn(user.displayName || user.username), error: false };
    const go = this.dispatchEvent(new IpsafezoneSuccessEvent({ user }));
    if (!go || !this.returnTo) return;
    const url = safeReturnUrl(this.returnTo, document.baseURI);
    if (url) window.location.assign(url);
    else console.warn('ipsafezone-login: return-to is not on this origin');
  }

  /** Moves focus to the first field or button of the step, unless the user is busy elsewhere. */
  private focusStep(): void {
    void this.updateComplete.then(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active !== this && !this.contains(active)) return;
      const inputs = [...this.querySelectorAll<HTMLInputElement>('.ipsz-input')];
      const target =
        inputs.find((i) => !i.value) ??
        inputs[0] ??
        this.renderRoot.querySelector<HTMLElement>('[part~=cancel-button], .primary');
      target?.focus();
    });
  }

  private showDeepLink(): boolean {
    if (this.deepLink !== 'auto') return this.deepLink === 'always';
    return /Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
  }

  private statement(t: Terms): string {
    const z = this.zone;
    if (!z) return this.current.kind === 'loading' ? t.loading : '';
    const where = !z.active
      ? ''
      : z.inside
        ? t.inside(z.zone ?? z.clientIp!)
        : t.outside(z.clientIp);
    const what = z.mode === '2fa' ? t.mode2fa : z.mode === '2sa' ? t.mode2sa : t.modePassword;
    return where ? `${where} ${what}` : what;
  }

  private renderLight() {
    const kind = this.current.kind;
    if (kind !== 'password' && kind !== 'secsign-id') return nothing;
    return renderForm({
      t: this.terms,
      kind,
      disabled: this.busy || this.lockedUntil > this.now,
      value: this.lastUsername || this.username,
      onSubmit: kind === 'password' ? this.handlePasswordSubmit : this.handleSecSignSubmit,
    });
  }

  private renderPanel(t: Terms) {
    const step = this.current;
    switch (step.kind) {
      case 'loading':
        return renderLoading(t);
      case 'unreachable':
        return renderAction(t.retry, 'retry-button', this.handleRetry);
      case 'outcome':
        return renderAction(t.startAgain, 'retry-button', this.handleRetry);
      case 'pending':
        return renderPass({
          t,
          pending: step.pending,
          secondsLeft: (Date.parse(step.pending.expiresAt) - this.now) / 1000,
          showDeepLink: this.showDeepLink(),
          onCancel: this.handleCancel,
        });
      default:
        return nothing;
    }
  }

  override render() {
    const t = this.terms;
    const statement = this.statement(t);
    const n = this.notice;
    return html`<div part="base" class="base" lang=${t.code}>
      <p part="statement" ?hidden=${!statement}>${statement}</p>
      <div
        part="status"
        class="status ${n ? (n.error ? 'show error' : 'show') : ''}"
        role="status"
        aria-live="polite"
      >
        ${n?.text ?? nothing}
      </div>
      ${this.renderPanel(t)}
      <slot name="form"></slot>
    </div>`;
  }
}
