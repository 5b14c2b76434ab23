/**
 * The `<ipsafezone-login>` element's class: asks the backend where the user stands, shows the form
 * for that mode (password; SecSign ID; password then SecSign ID), runs the access pass step, offers
 * "Use another way" (authenticator-app and recovery codes, passkeys: `factor-flow.ts`, loaded with
 * the step chunk) and reports every outcome. It fails closed: when the backend cannot be reached it offers only a retry,
 * never another way in, and it reports success only once `/api/session` shows the session cookie
 * really was kept. All state is per instance; `server` points it at any backend (tests too).
 */
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { ApiError, LoginApi } from './api-client.js';
import type { Pending, StepResult, User, ZoneInfo } from './api-types.js';
import type { FactorHost, FactorStep } from './factor-flow.js';
import type { SignedInHost, SignedInStep } from './factor-changes.js';
import { formText } from './form-text.js';
import { IpsafezoneErrorEvent, IpsafezoneSuccessEvent, IpsafezoneZoneEvent } from './events.js';
import { shadowStyles } from './ipsafezone-login.styles.js';
import { renderAction, renderLoading } from './render-panels.js';
import { safeReturnUrl } from './return-to.js';
import { errorText, loadTerms, pickTerms, type Terms } from './terms.js';

/** Which step the element shows; also reflected as the host's `data-step` attribute. */
export type LoginStep =
  | 'loading'
  | 'unreachable'
  | 'password'
  | 'secsign-id'
  | 'pending'
  | 'choose'
  | 'code'
  | 'outcome'
  | 'signed-in';

type Step =
  | { kind: 'loading' | 'unreachable' | 'password' | 'secsign-id' | 'outcome' }
  | { kind: 'pending'; pending: Pending }
  | FactorStep
  | SignedInStep;

/** Answers that mean "the server is not there right now": poll again, never let anyone in. */
const TRANSIENT = /^(network|bad_response|service_unavailable|secsign_unreachable)$/;

/** Errors that say the typed fields are wrong: the fields get `aria-invalid` and the text. */
const FIELD = /^(invalid_credentials|invalid_input|secsign_no_such_id|no_secsign_id|no_account)$/;

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** Only a web or mail address (or a path on this site) becomes a help link. */
const safeHref = (u: string) => (/^(https?:\/\/|mailto:|\/(?!\/))/i.test(u) ? u : '');

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** `localStorage`, which a privacy mode may forbid: then nothing is remembered. */
function store(key: string, value?: string | null): string | null {
  try {
    if (value === null) localStorage.removeItem(key);
    else if (value !== undefined) localStorage.setItem(key, value);
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The instruction of the waiting step: pick the symbol, or (access pass off) just confirm. */
const waitHint = (t: Terms, p: Pending) => (p.accessPass ? t.passHint : t.confirmHint)(p.secSignId);

let count = 0;

/** The step chunk (steps.ts), once loaded: the form, its sheet, the access pass step. */
let steps: typeof import('./steps.js') | undefined;

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
 * @event {IpsafezoneSuccessEvent} ipsafezone-success - Signed in; `detail.user`, and
 *   `detail.factorChanges`: changes to the user's sign-in methods since their previous sign-in.
 *   Cancelable: `preventDefault()` keeps the element from navigating to `return-to`. With changes
 *   the element shows them ("not you?", a link to the profile) and goes on at "Continue".
 * @event {IpsafezoneErrorEvent} ipsafezone-error - An error or SecSign outcome is shown;
 *   `detail.code`, `detail.message`, `detail.status`.
 *
 * @slot - Fallback content (e.g. a "cannot load" note); never shown once the element runs.
 * @slot form - Used by the element itself for its light-DOM `<form>`; leave it alone.
 * @slot help - Your own "Can't sign in?" content; replaces the link made from `help-href`.
 * @slot forgot - Your own forgot-password content on password steps; replaces `forgot-href`'s link.
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
 * @csspart send-new-button - "Send a new request" on the access pass step (mode `2fa`).
 * @csspart reference - The error reference (the server's request id) under an error.
 * @csspart links - The help and forgot-password links.
 * @csspart retry-button - "Try again" when the server is unreachable, "Start again" after an outcome.
 * @csspart deep-link - The link that opens the SecSign ID app on a phone.
 * @csspart choices - The second factors to choose from ("Use another way").
 * @csspart choice-button - Each of them (also `choice-secsign`, `choice-passkey`, `choice-totp`,
 *   `choice-recovery_code`).
 * @csspart another-way-button - "Use another way" on the access pass step.
 * @csspart factor-changes - After signing in: the sign-in methods changed since the last sign-in.
 * @csspart profile-link - Its link to the profile page (`<server>/profile`).
 * @csspart continue-button - Its "Continue" (on to `return-to`).
 *
 * Colours fall back to Atlassian's design tokens (`--ds-*`) when the page defines them, then to
 * built-in light and dark colours. Light or dark follows the page: its `color-scheme` (which AUI's
 * CSS sets from `data-color-mode`, `data-theme` and `data-color-mode-auto`), else Atlassian's
 * `<html data-color-mode>`, else the system setting.
 *
 * @cssprop [--ipsafezone-primary=--ds-background-brand-bold, #0052CC] - Primary button and accent colour.
 * @cssprop [--ipsafezone-on-primary=white or black, whichever contrasts more with the primary] - Text on the primary colour.
 * @cssprop [--ipsafezone-text=--ds-text, #172B4D] - Text colour.
 * @cssprop [--ipsafezone-subtle-text=--ds-text-subtle, #5E6C84] - Labels and the waiting line.
 * @cssprop [--ipsafezone-background=--ds-surface-raised, #FFFFFF] - Card background.
 * @cssprop [--ipsafezone-input-background=--ds-background-input, #FAFBFC] - Input background.
 * @cssprop [--ipsafezone-border=--ds-border, #DFE1E6; inputs: --ds-border-input, #8590A2] - Input borders, secondary buttons.
 * @cssprop [--ipsafezone-focus=--ds-border-focused, #4C9AFF] - Focus ring.
 * @cssprop [--ipsafezone-danger=--ds-border-danger, #DE350B] - Error accent.
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
    helpHref: { attribute: 'help-href' },
    forgotHref: { attribute: 'forgot-href' },
    current: { state: true },
    zone: { state: true },
    notice: { state: true },
    busy: { state: true },
    now: { state: true },
    lock: { state: true },
    typed: { state: true },
    showPassword: { state: true },
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

  /** Where "Can't sign in?" leads (`https:`, `mailto:` or a path); empty: no link. */
  helpHref = '';

  /** Where "Forgot password?" leads on password steps (`https:`, `mailto:` or a path). */
  forgotHref = '';

  private current: Step = { kind: 'loading' };
  private zone: ZoneInfo | null = null;
  private notice: { text: string; error: boolean; field?: boolean; ref?: string } | null = null;
  private busy = false;
  private now = Date.now();
  /** A lock-out belongs to the name that was locked, not to the tab. */
  private lock = { name: '', until: 0 };
  /** The first field as typed now; `null` until the user types in a new form. */
  private typed: string | null = null;
  private showPassword = false;
  private remember = false;
  private readonly uid = `ipsz${++count}`;
  private schemeWatch = new MutationObserver(() => this.followScheme());
  /** The system setting, which the page's own colour scheme may follow (AUI's "match browser"). */
  private systemDark = matchMedia('(prefers-color-scheme: dark)');
  /** Where the form is rendered: before it, so content the page appends later is never touched. */
  private anchor = document.createComment('');

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
    this.followScheme();
    this.schemeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-color-mode', 'data-color-mode-auto', 'data-theme', 'style', 'class'],
    });
    this.systemDark.onchange = () => this.followScheme();
    // Back on the page after being moved: resume what disconnecting stopped.
    if (this.hasUpdated) {
      if (this.current.kind === 'loading') void this.load();
      if (this.current.kind === 'pending') this.schedulePoll(1000);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.schemeWatch.disconnect();
    this.systemDark.onchange = null;
    this.controller?.abort();
    clearTimeout(this.pollTimer);
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) {
      this.api = new LoginApi(this.server);
      void this.load();
    } else if (changed.has('lang')) {
      loadTerms(this.langTag).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.anchor.parentNode) this.append(this.anchor);
    render(this.renderLight(), this, { host: this, renderBefore: this.anchor });
    this.dataset.step = this.current.kind;
    const needTick = this.current.kind === 'pending' || this.lock.until > this.now;
    if (needTick && !this.ticker) {
      this.ticker = setInterval(() => (this.now = Date.now()), 1000);
    } else if (!needTick && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    const before = changed.get('current') as Step | undefined;
    if (changed.has('current') && before?.kind !== this.current.kind) this.focusStep();
  }

  private get langTag(): string {
    return (
      this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang
    );
  }

  private get terms(): Terms {
    return pickTerms(this.langTag);
  }

  /**
   * Light or dark as the page says: its `color-scheme` (what AUI's CSS resolves its colour mode to),
   * else Atlassian's `data-color-mode` on a page without that CSS, else the OS.
   */
  private followScheme(): void {
    const scheme = getComputedStyle(this.parentElement ?? document.documentElement).colorScheme;
    const page =
      /^(light|dark)\b(?!.*(light|dark))/.exec(scheme)?.[1] ??
      /^(light|dark)$/.exec(document.documentElement.dataset.colorMode ?? '')?.[0];
    if (page) this.dataset.scheme = page;
    else delete this.dataset.scheme;
  }

  /** Key under which "remember me" keeps the name of a form kind. */
  private rememberKey(kind: string): string {
    return `ipsafezone-login:${kind}`;
  }

  /** The form lives in light DOM; its sheet goes into whatever root holds the element. */
  private adoptLightStyles(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = steps?.lightStyles.styleSheet;
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
    this.typed = null;
    if (steps?.choiceFirst(this as unknown as FactorHost)) return this.current;
    const kind = this.zone?.mode === '2fa' ? 'secsign-id' : 'password';
    this.remember = store(this.rememberKey(kind)) !== null;
    return { kind };
  }

  /** What the first field is filled with: the last name typed, the attribute, the remembered. */
  private get prefill(): string {
    const kind = this.current.kind;
    return this.lastUsername || this.username || store(this.rememberKey(kind)) || '';
  }

  private get locked(): boolean {
    return this.lock.until > this.now && sameName(this.typed ?? this.prefill, this.lock.name);
  }

  private async load(keep: { text: string; error: boolean } | null = null): Promise<void> {
    clearTimeout(this.pollTimer);
    this.current = { kind: 'loading' };
    this.notice = keep;
    this.busy = false;
    const signal = this.nextSignal();
    try {
      // The page's own zone answer (`zone-hint`) counts for the first load only; retrying asks.
      const hint = !this.hasUpdated && this.getAttribute('zone-hint');
      [this.zone, , steps] = await Promise.all([
        hint ? (JSON.parse(hint) as ZoneInfo) : this.api.zone(signal),
        loadTerms(this.langTag),
        steps ?? import('./steps.js'),
      ]);
      this.adoptLightStyles();
      this.current = this.startStep();
      this.dispatchEvent(new IpsafezoneZoneEvent(this.zone));
    } catch (e) {
      if (isAbort(e)) return;
      // The server answered (a refusal): its words can load, so the refusal reads in the page's language.
      if (e instanceof ApiError && e.status) await loadTerms(this.langTag).catch(() => undefined);
      if (signal.aborted) return;
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
    this.notice = { text, error: true, field: FIELD.test(err.code), ref: err.requestId };
    this.dispatchEvent(
      new IpsafezoneErrorEvent({
        code: err.code,
        message: err.message,
        status: err.status,
        requestId: err.requestId,
      }),
    );
    return err;
  }

  private handlePasswordSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const username = formText(data, 'username').trim();
    const password = formText(data, 'password');
    this.named(data, username);
    if (
      username &&
      password &&
      steps?.holdPassword(this as unknown as FactorHost, username, password)
    )
      return;
    void this.submit(username && password ? (s) => this.api.password(username, password, s) : null);
  };

  private handleSecSignSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const id = formText(data, 'secSignId').trim();
    this.named(data, id);
    void this.submit(id ? (s) => this.api.secsign(id, s) : null);
  };

  /** Keeps the name just submitted, and whether to remember it once signed in. */
  private named(data: FormData, name: string): void {
    this.lastUsername = this.typed = name;
    this.remember = data.has('remember');
  }

  private handleInput = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    if (input.autocomplete === 'username') this.typed = input.value;
  };

  private handleShowPassword = (e: Event): void => {
    this.showPassword = (e.target as HTMLInputElement).checked;
  };

  /** Runs one login step; `null` means a field holds only blanks (the browser checks `required`). */
  private async submit(step: ((s: AbortSignal) => Promise<StepResult>) | null): Promise<void> {
    this.now = Date.now();
    if (!step || this.busy || this.locked) return;
    this.busy = true;
    this.notice = null;
    const signal = this.nextSignal();
    try {
      const result = await step(signal);
      if (result.status === 'signed_in') await this.succeed(result.user, signal);
      else if (result.status === 'second_factor')
        steps!.afterPassword(this as unknown as FactorHost, result);
      else {
        this.current = { kind: 'pending', pending: result };
        this.now = Date.now();
        this.schedulePoll(result.pollAfterMs || 2000);
      }
    } catch (e) {
      if (isAbort(e)) return;
      const err = this.fail(e);
      if (err.code === 'too_many_attempts') {
        this.lock = {
          name: this.lastUsername,
          until: Date.now() + (err.retryAfterSeconds || 60) * 1000,
        };
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
      if (result.status === 'signed_in') return await this.succeed(result.user, signal);
      if (this.notice) this.notice = null;
      this.schedulePoll(result.pollAfterMs || 3500);
    } catch (e) {
      if (isAbort(e) || this.current !== step) return;
      const code = e instanceof ApiError ? e.code : 'network';
      const expired = this.secondsLeft(step.pending) <= 0;
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

  /** 2FA only (2SA would need the password again): cancel this request and send a new one. */
  private handleSendNew = (): void => {
    const step = this.current;
    if (step.kind !== 'pending') return;
    clearTimeout(this.pollTimer);
    void this.api.cancel(step.pending.transaction).catch(() => undefined);
    const id = step.pending.secSignId;
    void this.submit((s) => this.api.secsign(id, s));
  };

  private handleRetry = (): void => this.reload();

  /** Seconds until the SecSign request expires, by the server's clock. */
  private secondsLeft(p: Pending): number {
    return (Date.parse(p.expiresAt) - this.now - this.api.skew) / 1000;
  }

  /**
   * Signed in, as the backend says — but success is reported only once the browser shows the
   * session: a cookie refused (another site, third-party cookies blocked) is an error, not success.
   */
  private async succeed(user: User, signal: AbortSignal): Promise<void> {
    clearTimeout(this.pollTimer);
    const session = await this.api.session(signal).catch((e: unknown) => {
      if (isAbort(e)) throw e;
      return { user: null };
    });
    if (!session.user) {
      this.current = { kind: 'outcome' };
      this.fail(
        new ApiError(0, 'session_not_kept', 'The browser did not keep the session cookie.'),
      );
      return;
    }
    const key = this.rememberKey(this.zone?.mode === '2fa' ? 'secsign-id' : 'password');
    store(key, this.remember ? this.lastUsername : null);
    const changes = session.factorChanges ?? [];
    this.notice = { text: this.terms.signedIn(user.displayName || user.username), error: false };
    const go = this.dispatchEvent(new IpsafezoneSuccessEvent({ user, factorChanges: changes }));
    const url = go && this.returnTo ? safeReturnUrl(this.returnTo, document.baseURI) : null;
    if (go && this.returnTo && !url)
      console.warn('ipsafezone-login: return-to is not on this origin');
    this.current = { kind: 'signed-in', user, changes, go: url };
    // Changes since the last sign-in are told first; "Continue" goes on (factor-changes.ts).
    if (url && !changes.length) window.location.assign(url);
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
        ? t.inside(z.zone ?? z.clientIp ?? '')
        : t.outside(z.clientIp);
    // On the factor steps the live region says what to do; the mode's sentence would name SecSign.
    // Once signed in there is nothing left to do: no "confirm with …" above "Signed in as …".
    const k = this.current.kind;
    const what =
      k === 'code' || k === 'choose' || k === 'signed-in'
        ? ''
        : z.mode === '2fa'
          ? t.mode2fa
          : z.mode === '2sa'
            ? t.mode2sa
            : t.modePassword;
    return where && what ? `${where} ${what}` : where || what;
  }

  private renderLight() {
    const kind = this.current.kind;
    if (kind === 'code' && steps) return steps.factorForm(this as unknown as FactorHost);
    if ((kind !== 'password' && kind !== 'secsign-id') || !steps) return nothing;
    const n = this.notice;
    return steps.renderForm({
      t: this.terms,
      kind,
      disabled: this.busy || this.locked,
      value: this.prefill,
      id: this.uid,
      error: n?.field ? n.text : '',
      showPassword: this.showPassword,
      remember: this.remember,
      onSubmit: kind === 'password' ? this.handlePasswordSubmit : this.handleSecSignSubmit,
      onInput: this.handleInput,
      onShowPassword: this.handleShowPassword,
      extra: steps.formExtra(this as unknown as FactorHost),
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
        return html`${steps!.renderPass({
          t,
          pending: step.pending,
          secondsLeft: this.secondsLeft(step.pending),
          showDeepLink: this.showDeepLink(),
          onCancel: this.handleCancel,
          onSendNew: this.zone?.mode === '2fa' ? this.handleSendNew : undefined,
        })}${steps!.factorPanel(this as unknown as FactorHost)}`;
      case 'signed-in':
        return steps?.renderFactorChanges(this as unknown as SignedInHost, step) ?? nothing;
      default:
        return steps?.factorPanel(this as unknown as FactorHost) ?? nothing;
    }
  }

  /** The help and forgot-password links (or the integrator's slotted content). */
  private renderLinks(t: Terms) {
    const kind = this.current.kind;
    if (kind === 'loading' || kind === 'signed-in' || kind === 'pending') return nothing;
    const link = (href: string, label: string) =>
      safeHref(href) ? html`<a href=${safeHref(href)}>${label}</a>` : nothing;
    const slotted = (name: string) => this.querySelector(`:scope > [slot=${name}]`);
    const forgot = kind === 'password' && (this.forgotHref || slotted('forgot'));
    if (!forgot && !this.helpHref && !slotted('help')) return nothing;
    return html`<p part="links" class="links">
      ${forgot ? html`<slot name="forgot">${link(this.forgotHref, t.forgot)}</slot>` : nothing}
      <slot name="help">${link(this.helpHref, t.help)}</slot>
    </p>`;
  }

  override render() {
    const t = this.terms;
    const statement = this.statement(t);
    const step = this.current;
    const n =
      this.notice ??
      (step.kind === 'pending' ? { text: waitHint(t, step.pending), error: false } : null);
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
      ${n?.ref ? html`<small part="reference">${t.reference(n.ref)}</small>` : nothing}
      ${this.renderPanel(t)}
      <slot name="form"></slot>
      ${this.renderLinks(t)}
    </div>`;
  }
}
