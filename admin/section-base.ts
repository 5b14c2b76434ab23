/**
 * What every section of the admin and profile pages shares: the API client and terms handed down
 * by the page element, a busy flag shown as progress, one message line (error, warning or
 * success) announced to screen readers, "Saved." next to the control that was saved, and "Change
 * anyway and end my session" after a change refused because it would end the administrator's own
 * session (409 `ends_own_session`: the settings, a zone, a draft applied).
 */
import { html, LitElement, nothing, type CSSResultGroup, type PropertyValues } from 'lit';
import { PageApi, type ApiError } from './api.js';
import { pageStyles } from './styles.js';
import { errorText, pickTerms, type Terms } from './terms.js';
import type { PartHost } from './factors/factor-view.js';
import { liveBasics } from './factors/live-basics.js';

export type Message = { kind: 'error' | 'warn' | 'ok'; text: string } | null;

/**
 * Asked (bubbling out of the section's shadow root) when a change was refused for an old sign-in
 * (`reauthentication_required`) or for a session without a second factor
 * (`second_factor_required`): the profile page sets `answer` to its "Confirm it's you" dialog's
 * outcome (reauth-dialog.ts). Nobody answering (the admin page) leaves the refusal shown.
 */
export interface ConfirmRequest {
  reason: string;
  answer: Promise<boolean> | null;
}

const CONFIRMABLE = ['reauthentication_required', 'second_factor_required'];

/** The refusal's code when confirming it is you may lift it, else null. */
const confirmable = (e: unknown) => {
  const code = (e as { code?: string } | null)?.code;
  return code && CONFIRMABLE.includes(code) ? code : null;
};

export class SectionBase extends LitElement {
  static override styles: CSSResultGroup = pageStyles;

  static override properties = {
    api: { attribute: false },
    terms: { attribute: false },
    me: { attribute: false },
    busy: { state: true },
    message: { state: true },
    savedAt: { state: true },
    anyway: { state: true },
  };

  /** The backend client, set by the page element. */
  api: PageApi = new PageApi('');
  /** The page language's words. */
  terms: Terms = pickTerms('en');
  /** The signed-in user's name. */
  me = '';
  protected busy = false;
  protected message: Message = null;
  /** The control (form or field name) whose change was saved last, and what to say there. */
  protected savedAt = '';
  private savedText = '';
  /** The code of the refusal the last `run` showed ('' when it went through). */
  protected refused = '';
  /** After an `ends_own_session` refusal: the change again, confirmed ("Change anyway"). */
  private anyway: (() => Promise<unknown>) | null = null;

  /**
   * Runs `work` with progress shown and its failure turned into the message line. `okText` is the
   * success message: next to the control `at` (see `renderSaved`), else in the message line. A
   * refusal that confirming may lift (an old sign-in; a session without the second factor the
   * change needs) asks the page to confirm (`ipsz-confirm`) and, once confirmed, runs `work` once
   * more. A change that went through (one with `okText`) is told to the page
   * (`ipsz-changed`), which shows the recent changes anew.
   */
  protected async run<T>(work: () => Promise<T>, okText?: string, at = ''): Promise<T | undefined> {
    this.busy = true;
    this.message = null;
    this.refused = '';
    this.anyway = null;
    if (okText) this.savedAt = '';
    try {
      let result: T;
      try {
        result = await work();
      } catch (e) {
        const reason = confirmable(e);
        if (!reason || !(await this.askToConfirm(reason))) throw e;
        result = await work();
      }
      if (okText) this.dispatchEvent(new Event('ipsz-changed', { bubbles: true, composed: true }));
      if (okText && at) [this.savedAt, this.savedText] = [at, okText];
      else if (okText) this.message = { kind: 'ok', text: okText };
      return result;
    } catch (e) {
      this.refused = (e as Partial<ApiError> | null)?.code ?? '';
      // An error shown at its field is not repeated in the message line.
      this.message = this.onError(e)
        ? null
        : { kind: 'error', text: errorText(this.terms, e, this.errorWords()) };
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /**
   * After a `run` refused with `ends_own_session` (its warning announced in the message line):
   * offers "Change anyway and end my session", which runs `again` — the change sent with
   * `confirm` — and takes the keyboard focus there. True when offered.
   */
  protected offerAnyway(again: () => Promise<unknown>): boolean {
    if (this.refused !== 'ends_own_session') return false;
    this.anyway = again;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[data-change-anyway]')?.focus(),
    );
    return true;
  }

  /** Withdraws the offer (the change it would send is no longer the one on screen). */
  protected dropAnyway(): void {
    this.anyway = null;
  }

  /** The "Change anyway and end my session" button while `offerAnyway` offers it. */
  protected renderAnyway() {
    const again = this.anyway;
    if (!again) return nothing;
    return html`<button
      class="button"
      type="button"
      data-change-anyway
      ?disabled=${this.busy}
      @click=${() => void again()}
    >
      ${this.terms.changeAnyway}
    </button>`;
  }

  /** Asks the page to confirm this session again; true once it is. */
  private askToConfirm(reason: string): Promise<boolean> {
    const detail: ConfirmRequest = { reason, answer: null };
    this.dispatchEvent(new CustomEvent('ipsz-confirm', { detail, bubbles: true, composed: true }));
    return detail.answer ?? Promise.resolve(false);
  }

  /** Hook: the section's own words for API error codes, asked before the shared ones (terms.ts). */
  protected errorWords(): Record<string, string> {
    return {};
  }

  /**
   * Hook for sections that show some errors at a field: returns true when `e` is shown there (the
   * field then carries it and gets the focus), false to show it in the message line.
   */
  protected onError(_e: unknown): boolean {
    return false;
  }

  /** Focuses the field named `name` once rendered (where an error is now shown). */
  protected focusField(name: string): true {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[name=${name}]`)?.focus(),
    );
    return true;
  }

  /** What a factor view's part of this section may see and do (admin/factors/factor-view.ts). */
  protected partHost(): PartHost {
    const basics = liveBasics({
      api: () => this.api,
      terms: () => this.terms,
      busy: () => this.busy,
    });
    return Object.assign(basics, {
      run: <T>(work: () => Promise<T>, okText?: string, at?: string) => this.run(work, okText, at),
      saved: (at: string) => this.renderSaved(at),
      say: (kind: 'error' | 'warn' | 'ok', text: string) => (this.message = { kind, text }),
      focusField: (name: string) => this.focusField(name),
      requestUpdate: () => this.requestUpdate(),
    });
  }

  /** Reloads when the page hands over a new API client (after connecting). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.isConnected) void this.load();
  }

  /** Fetches what the section shows. */
  protected async load(): Promise<void> {}

  /** The live region beside control `at`: says "Saved." (or the like) once its change was saved. */
  protected renderSaved(at: string) {
    return html`<span class="saved" role="status" data-saved=${at}
      >${this.savedAt === at ? this.savedText : nothing}</span
    >`;
  }

  protected renderStatus() {
    return html`<div role="status" aria-live="polite">
        ${
          this.busy
            ? html`<span class="busy"
                ><span class="spinner" aria-hidden="true"></span>${this.terms.loading}</span
              >`
            : nothing
        }
        ${
          this.message && this.message.kind !== 'error'
            ? html`<p class="msg ${this.message.kind}">${this.message.text}</p>`
            : nothing
        }
      </div>
      <div role="alert">
        ${
          this.message?.kind === 'error'
            ? html`<p class="msg error">${this.message.text}</p>`
            : nothing
        }
      </div>`;
  }
}
