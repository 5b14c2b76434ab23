/**
 * The widget's second factors by name, each one's view a module (and a chunk of the build) of its
 * own, loaded when an answer of the server names the factor — the zone answer's offers, a step's
 * choices — so the first load carries none of them and a factor nobody is offered is never
 * fetched. The names are the server's (`FactorChoiceName`, imported type-only): a factor the server
 * adds fails the type check here until the widget has a view for it. To add a factor to the
 * widget: its view file beside this one (with its words, English and German) and one line below.
 */
import type { FactorChoiceName } from '../api-types.js';
import type { FactorView, FactorViews } from '../step-view.js';

const registry: Record<FactorChoiceName, () => Promise<{ view: FactorView }>> = {
  secsign: () => import('./secsign.js'),
  passkey: () => import('./passkey.js'),
  totp: () => import('./totp.js'),
  recovery_code: () => import('./recovery-code.js'),
};

/** Loads the views of `names` (each chunk once; names without a view are skipped). */
export async function loadFactorViews(names: readonly string[]): Promise<FactorViews> {
  const known = names.filter((n): n is FactorChoiceName => Object.hasOwn(registry, n));
  const loaded = await Promise.all(
    [...new Set(known)].map((n) => registry[n]().then((m) => [n, m.view] as const)),
  );
  return Object.fromEntries(loaded);
}
