/**
 * What the admin and profile pages show of one second factor, as one module per factor
 * (`totp/totp-view.ts`, `passkey/passkey-view.ts` …) listed in the registry (`index.ts`) and
 * loaded lazily. A page never names a factor: the settings' "count outside" boxes, a user's
 * factors and SecSign ID in the users section, and the profile's parts and cards are drawn from
 * these views. A part keeps its own state and calls the server through the section it sits in.
 */
import type { nothing, TemplateResult } from 'lit';
import type { FactorName } from '../../server/factors/registry.js';
import type { Answer, Body, Factors, Me, PageApi, User } from '../api.js';
import type { Terms } from '../terms.js';
import type { FieldErrors } from '../users/user-fields.js';

/** The factors a user has besides the password: the registry's names. */
export type SecondFactorName = Exclude<FactorName, 'password'>;

/** What a page shows where a view has nothing to add. */
export type Drawn = TemplateResult | typeof nothing;

/** What the section a part sits in lends it (section-base.ts `partHost()`). */
export interface PartHost {
  readonly api: PageApi;
  readonly terms: Terms;
  readonly busy: boolean;
  /** Runs a call with progress, its failure in the section's message line (SectionBase.run). */
  run<T>(work: () => Promise<T>, okText?: string, at?: string): Promise<T | undefined>;
  /** "Saved." beside the control `at`, once its change was saved. */
  saved(at: string): TemplateResult;
  /** Puts a sentence into the section's message line. */
  say(kind: 'error' | 'warn' | 'ok', text: string): void;
  /** Focuses the section's field `name` once rendered. */
  focusField(name: string): true;
  /** Draws the section again (after a part's own state changed). */
  requestUpdate(): void;
}

/** The profile's "Second factors" card (`factors-card.ts`). */
export interface FactorsCardHost extends PartHost {
  /** The user's factors as last read (`GET /api/me/factors`), null before. */
  factors(): Factors | null;
  /** Recovery codes just made: shown once, by the recovery codes' part. */
  freshCodes(): string[] | null;
  setFreshCodes(codes: string[] | null): void;
  /** Takes the factors a change answered with. */
  setFactors(factors: Factors): void;
  /** Reads the factors again. */
  reload(): Promise<void>;
}

/** The profile's "Your data" (ipsafezone-profile.ts). */
export interface ProfileDataHost extends PartHost {
  me(): Me;
  setUser(user: Me['user']): void;
}

/** The users section's editor of one user (users/users-section.ts). */
export interface UserEditorHost extends PartHost, FieldErrors {
  user(): User;
  clearFieldErrors(): void;
  /** Takes the user a change answered with, and reads the list again. */
  afterChange(user: User): Promise<void>;
}

/** A factor's part of a section: its own state and rendering. */
export interface Part {
  render(): Drawn;
  /** True when the part shows the error `e` at one of its fields (else the message line). */
  onError?(e: unknown): boolean;
  /** The part's words for API error codes, in the page's language. */
  errorWords?(code: string): Record<string, string>;
}

/** An answer of "Confirm it's you": confirmed, or (SecSign ID) still waiting for the phone. */
export type Confirming = Answer<
  'POST',
  | '/api/me/reauth/password'
  | '/api/me/reauth/code'
  | '/api/me/reauth/passkey'
  | '/api/me/reauth/secsign'
  | '/api/me/reauth/secsign/status'
>;

/** A factor confirmed by a typed code (`POST /api/me/reauth/code`). */
export type CodeFactorName = Body<'POST', '/api/me/reauth/code'>['factor'];

/** What the "Confirm it's you" dialog (profile/reauth-dialog.ts) lends a factor's way in it. */
export interface ConfirmHost {
  readonly api: PageApi;
  readonly terms: Terms;
  readonly busy: boolean;
  /** Tries `work`; the dialog closes once it answers confirmed, or shows its failure. */
  attempt(work: () => Promise<Confirming>): Promise<void>;
  /** The form for a code of this factor, sent to `POST /api/me/reauth/code` (`numeric`: digits). */
  codeForm(factor: CodeFactorName, label: string, numeric?: boolean): TemplateResult;
  requestUpdate(): void;
}

/** One factor's way to confirm in the dialog, offered when the user has that factor. */
export interface ConfirmWay {
  render(): Drawn;
  /** True while the way fills the dialog alone (SecSign ID waiting for the phone). */
  waiting?(): boolean;
  /** Stops what the way keeps running (the SecSign ID poll): the dialog closed or asks anew. */
  stop?(): void;
}

export interface FactorView {
  readonly name: SecondFactorName;
  /** Its name among the second factors that count outside the safe zone (settings). */
  policyLabel(code: string): string;
  /** Its name before an enrolled one's label, in a user's factors (users section). */
  itemLabel(code: string): string;
  /** A line of its own about a user's factors (users section), e.g. the recovery codes left. */
  summary?(factors: Factors, code: string): string | null;
  /** Its part of the profile's "Second factors" card. */
  cardPart?(host: FactorsCardHost): Part;
  /** A card of its own on the profile, after "Second factors". */
  profileCard?(api: PageApi, terms: Terms): TemplateResult;
  /** Its part of the profile's "Your data" (SecSign ID: changing one's own). */
  profileDataPart?(host: ProfileDataHost): Part;
  /** Its part of the users section's editor of one user (SecSign ID: assign, change, clear). */
  userEditorPart?(host: UserEditorHost): Part;
  /** Its way to confirm "it's you" before a change of how the user signs in (profile). */
  confirmWay?(host: ConfirmHost): ConfirmWay;
}
