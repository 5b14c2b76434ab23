/**
 * The registry of the pages' factor views: a factor's name → its view module, loaded only when a
 * page needs it (each is a chunk of its own in the build). In the order the pages list them. A new
 * factor is one view module and one line here (`factor-view.ts` says what a view may show).
 */
import { ApiError } from '../api.js';
import type { FactorView, SecondFactorName } from './factor-view.js';

export type { FactorView, SecondFactorName } from './factor-view.js';

type ViewModule = Promise<{ view: FactorView }>;

export const FACTOR_VIEWS: Readonly<Record<SecondFactorName, () => ViewModule>> = {
  secsign: () => import('./secsign/secsign-view.js'),
  passkey: () => import('./passkey/passkey-view.js'),
  totp: () => import('./totp/totp-view.js'),
  recovery_code: () => import('./recovery-code/recovery-code-view.js'),
};

/** The factors in the order the pages list them. */
export const FACTOR_ORDER = Object.keys(FACTOR_VIEWS) as SecondFactorName[];

let loaded: Promise<FactorView[]> | null = null;

/**
 * Every factor's view, in order (loaded once per page). A chunk that cannot be fetched fails like
 * a call that got no answer (`network`), and the next call tries again.
 */
export function loadFactorViews(): Promise<FactorView[]> {
  loaded ??= Promise.all(FACTOR_ORDER.map(async (name) => (await FACTOR_VIEWS[name]()).view)).catch(
    () => {
      loaded = null;
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    },
  );
  return loaded;
}
