/**
 * The `<ipsafezone-login>` element's class: its public face (properties, attributes, events,
 * slots, CSS parts) and its rendering. What it does lives in its state machine (login-machine.ts:
 * where the user stands, the form for that mode, the access pass step, "Use another way", every
 * outcome), run by its controller (login-controller.ts), which talks to the backend; the element
 * renders the machine's state — the first panels itself, the later steps through the step chunk
 * (steps.ts) and the factor views (factors/). It fails closed: when the backend cannot be reached
 * it offers only a retry, never another way in, and it reports success only once `/api/session`
 * shows the session cookie really was kept. All state is per instance; `server` points it at any
 * backend (tests too). Nothing touches the DOM before it is connected, so it renders in Node too.
 */
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { shadowStyles } from './ipsafezone-login.styles.js';
import { LoginController } from './login-controller.js';
import { isLocked } from './login-start.js';
import type { LoginStep } from './login-types.js';
import { errorNotice, renderLinks, statement } from './login-view.js';
import { renderAction, renderLoading } from './render-panels.js';
import { SchemeController } from './scheme-controller.js';
import type { ShownNotice, StepView } from './step-view.js';
import { loadTerms, pickTerms, type Terms } from './terms.js';

export type { LoginStep };

let count = 0;

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

  private readonly login: LoginController = new LoginController(this);
  private readonly scheme: SchemeController = new SchemeController(this);
  private readonly uid = `ipsz${++count}`;
  /** Where the form is rendered: before it, so content the page appends later is never touched. */
  private anchor: Comment | undefined;
  private focused: LoginStep | undefined; // the step focus was last moved for

  /** The step shown now (also the host's `data-step` attribute). */
  get step(): LoginStep {
    return this.login.state.step.kind;
  }

  /** Asks `/api/zone` again and starts over (what "Try again" and "Start again" do). */
  reload(): void {
    this.login.send({ type: 'load' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.login.adoptLightStyles();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) {
      this.login.connect(this.server);
    } else if (changed.has('lang')) {
      loadTerms(this.login.lang).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
  }

  protected override updated(): void {
    this.anchor ??= document.createComment('');
    if (!this.anchor.parentNode) this.append(this.anchor);
    const light = this.login.steps?.renderLight(this.view(pickTerms(this.login.lang)));
    render(light ?? nothing, this, { host: this, renderBefore: this.anchor });
    this.dataset.step = this.step;
    if (this.focused !== this.step) {
      this.focused = this.step;
      this.login.focus();
    }
  }

  /** What the first field is filled with: the last name typed, the attribute, the remembered. */
  private get prefill(): string {
    const s = this.login.state;
    const k = s.step.kind;
    const kept = k === 'password' || k === 'secsign-id' ? s.remembered[k] : null;
    return s.lastUsername || this.username || kept || '';
  }

  /** The live region's words: an error, or (step chunk) a later step's hint. */
  private notice(t: Terms): ShownNotice | null {
    const s = this.login.state;
    if (s.notice?.kind === 'error') return errorNotice(t, s.notice.error);
    return this.login.steps?.noticeText(t, s, this.login.views) ?? null;
  }

  /** What the step chunk and the factor views render from. */
  private view(t: Terms): StepView {
    const { state, now } = this.login;
    const deepLink =
      this.deepLink === 'auto'
        ? /Android|iPhone|iPad|iPod/i.test(navigator.userAgent)
        : this.deepLink === 'always';
    return {
      t,
      state,
      send: this.login.send,
      id: this.uid,
      notice: this.notice(t),
      now,
      skew: this.login.api.skew,
      disabled: state.busy || isLocked(state, now, state.typed ?? this.prefill),
      prefill: this.prefill,
      showDeepLink: deepLink,
      server: this.server,
      views: this.login.views,
    };
  }

  private renderPanel(t: Terms) {
    switch (this.step) {
      case 'loading':
        return renderLoading(t);
      case 'unreachable':
        return renderAction(t.retry, 'retry-button', () => this.reload());
      case 'outcome':
        return renderAction(t.startAgain, 'retry-button', () => this.reload());
      default:
        return this.login.steps?.renderPanel(this.view(t)) ?? nothing;
    }
  }

  override render() {
    const t = pickTerms(this.login.lang);
    const { state } = this.login;
    const text = statement(t, state.zone, this.step);
    const n = this.notice(t);
    const slotted = (name: string) => !!this.querySelector(`:scope > [slot=${name}]`);
    return html`<div part="base" class="base" lang=${t.code}>
      <p part="statement" ?hidden=${!text}>${text}</p>
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
      ${renderLinks(t, this.step, { help: this.helpHref, forgot: this.forgotHref }, slotted)}
    </div>`;
  }
}
