/**
 * What every section of the admin and profile pages shares: the API client and terms handed down
 * by the page element, a busy flag shown as progress, and one message line (error, warning or
 * success) announced to screen readers.
 */
import { html, LitElement, nothing, type CSSResultGroup, type PropertyValues } from 'lit';
import { PageApi } from './api.js';
import { pageStyles } from './styles.js';
import { errorText, pickTerms, type Terms } from './terms.js';

export type Message = { kind: 'error' | 'warn' | 'ok'; text: string } | null;

export class SectionBase extends LitElement {
  static override styles: CSSResultGroup = pageStyles;

  static override properties = {
    api: { attribute: false },
    terms: { attribute: false },
    me: { attribute: false },
    busy: { state: true },
    message: { state: true },
  };

  /** The backend client, set by the page element. */
  api: PageApi = new PageApi('');
  /** The page language's words. */
  terms: Terms = pickTerms('en');
  /** The signed-in user's name. */
  me = '';
  protected busy = false;
  protected message: Message = null;

  /** Runs `work` with progress shown and its failure turned into the message line. */
  protected async run<T>(work: () => Promise<T>, okText?: string): Promise<T | undefined> {
    this.busy = true;
    this.message = null;
    try {
      const result = await work();
      if (okText) this.message = { kind: 'ok', text: okText };
      return result;
    } catch (e) {
      this.message = { kind: 'error', text: errorText(this.terms, e) };
      this.onError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Hook for sections that show some errors at a field. */
  protected onError(_e: unknown): void {}

  /** Reloads when the page hands over a new API client (after connecting). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.isConnected) void this.load();
  }

  /** Fetches what the section shows. */
  protected async load(): Promise<void> {}

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
