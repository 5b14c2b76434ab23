/**
 * What the element hands the step chunk (steps.ts) and the factor views (factors/) to render a
 * step: plain data and one `send` for the user's actions — no element, no controller — so a view
 * is a pure function of it; and the shape of one second factor's view (factors/index.ts): the
 * parts of the sign-in it draws or runs. Every part is optional: SecSign ID has a waiting panel, a
 * code factor a form, the passkey a button under the SecSign ID form and a ceremony in the browser.
 */
import type { TemplateResult, nothing } from 'lit';
import type { LoginApi } from './api-client.js';
import type { FactorChoiceName, Pending, SignedIn } from './api-types.js';
import type { LoginEvent, LoginState } from './login-types.js';
import type { Terms } from './terms.js';

/** The live region's words for the notice shown now. */
export interface ShownNotice {
  text: string;
  error: boolean;
  /** The error is about the typed fields: they get `aria-invalid` and the text. */
  field: boolean;
  /** The server's request id, for support. */
  ref: string;
}

export interface StepView {
  t: Terms;
  state: LoginState;
  send: (event: LoginEvent) => void;
  /** Prefix for ids, unique per element. */
  id: string;
  notice: ShownNotice | null;
  /** The page's clock now, and how far the server's is from it (ms): the countdown's clock. */
  now: number;
  skew: number;
  /** Submitting is off: a request runs or the name typed is locked out. */
  disabled: boolean;
  /** What the first field is filled with. */
  prefill: string;
  showDeepLink: boolean;
  /** The backend's origin (the profile link after signing in). */
  server: string;
  views: FactorViews;
}

type Rendered = TemplateResult | typeof nothing;

/** A factor's own words in one language (English, or German for `de`). */
export interface FactorWords {
  /** Its name on the choice button ("Use another way"). */
  name: string;
  /** A code factor: the field's label, and the instruction above it. */
  label?: string;
  hint?: string;
  /** A ceremony (the passkey): its button under the SecSign ID form. */
  button?: string;
  /** After signing in with it: what is left (recovery codes). */
  left?: (n: number) => string;
}

export interface FactorView {
  /** Its words in `lang` (`de` German, else English). */
  words(lang: string): FactorWords;
  /**
   * The shadow-DOM panel while this factor's challenge is waited for (SecSign ID: the access
   * pass), drawn from its display in the pending answer (`state.step.pending`, whose `factor` is
   * this one).
   */
  panel?(v: StepView): Rendered;
  /** The live region's instruction while this factor's challenge is waited for. */
  waiting?(t: Terms, pending: Pending): string;
  /** The light-DOM form of this factor's step (a code). */
  form?(v: StepView): Rendered;
  /** Under the SecSign ID form, before any name is typed (a ceremony's button: the passkey's). */
  extra?(v: StepView): Rendered;
  /** False when this browser cannot run the factor: it is then not offered. */
  usable?(): boolean;
  /**
   * A ceremony: runs the factor in the browser against its own routes (`api.factorCall`);
   * resolves signed in, rejects with an `ApiError`. `transaction`: the password step's, if any.
   */
  signIn?(
    api: LoginApi,
    transaction: string | null,
    username: string,
    signal: AbortSignal,
  ): Promise<SignedIn>;
}

/** The views loaded, by factor name. */
export type FactorViews = Partial<Record<FactorChoiceName, FactorView>>;
