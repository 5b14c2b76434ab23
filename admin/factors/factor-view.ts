/**
 * What the admin and profile pages show of one second factor, as one module per factor
 * (`totp/totp-view.ts`, `passkey/passkey-view.ts` …) listed in the registry (`index.ts`) and
 * loaded lazily. A page never names a factor: the settings' "count outside" boxes, a user's
 * factors in the users section and the profile's cards are drawn from these views.
 */
import type { nothing, TemplateResult } from 'lit';
import type { FactorName } from '../../server/auth/factors.js';
import type { Factors, PageApi } from '../api.js';
import type { Terms } from '../terms.js';

/** The factors a user has besides the password: the registry's names. */
export type SecondFactorName = Exclude<FactorName, 'password'>;

/** What a page shows where a view has nothing to add. */
export type Drawn = TemplateResult | typeof nothing;

/** What the profile's "Second factors" card (`factors-card.ts`) lends each factor's part of it. */
export interface FactorsCardHost {
  readonly api: PageApi;
  readonly terms: Terms;
  readonly busy: boolean;
  /** The user's factors as last read (`GET /api/me/factors`), null before. */
  readonly factors: Factors | null;
  /** Recovery codes just made: shown once, by the recovery codes' part. */
  freshCodes: string[] | null;
  /** Runs a call with progress and its failure in the card's message line (SectionBase.run). */
  run<T>(work: () => Promise<T>, okText?: string): Promise<T | undefined>;
  /** Takes the factors a change answered with. */
  setFactors(factors: Factors): void;
  /** Reads the factors again. */
  reload(): Promise<void>;
  /** Focuses the card's field `name` once rendered. */
  focusField(name: string): true;
  /** Draws the card again (after a part's own state changed). */
  requestUpdate(): void;
}

/** One factor's part of the "Second factors" card: its own state and rendering. */
export interface FactorsCardPart {
  render(): Drawn;
  /** True when the part shows the error `e` at one of its fields (else the card's message line). */
  onError?(e: unknown): boolean;
  /** The part's words for API error codes, in the page's language. */
  errorWords?(code: string): Record<string, string>;
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
  cardPart?(host: FactorsCardHost): FactorsCardPart;
  /** A card of its own on the profile, after "Second factors". */
  profileCard?(api: PageApi, terms: Terms): TemplateResult;
}
