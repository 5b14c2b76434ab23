/**
 * The widget's second factors by name, each one's view a module (and a chunk of the build) of its
 * own, loaded when an answer of the server names the factor — the zone answer's offers, a step's
 * choices — so the first load carries none of them and a factor nobody is offered is never
 * fetched. The names are the server's (`FactorChoiceName`, imported type-only): a factor the server
 * adds fails the type check here until the widget has a view for it, and so does a line whose
 * `answer` differs from the server's facts. To add a factor to the widget: its view file beside
 * this one (with its words, English and German) and one line below; a code factor's view is
 * `codeView(…)` of `code-form.ts`, and the machine takes it to the code step by its `answer` —
 * for a code sent out of band (`sent-code`), after asking the server to send it. A ceremony's
 * view (`ceremony`) says whether this browser can run it (`usable`) and runs it (`signIn`),
 * calling the factor's own routes through the client's `factorCall`; the machine only knows it
 * as a ceremony.
 */
import type { FactorAnswers, FactorChoiceName } from '../api-types.js';
import type { CeremonyFactor, CodeFactor } from '../login-types.js';
import type { FactorView, FactorViews } from '../step-view.js';

/**
 * Each factor: how the login asks for it (the server's facts, checked by the type: a wrong word
 * fails the type check) and its view's chunk.
 */
const registry: {
  readonly [N in FactorChoiceName]: {
    answer: FactorAnswers[N];
    load: () => Promise<{ view: FactorView }>;
  };
} = {
  secsign: { answer: 'challenge', load: () => import('./secsign.js') },
  passkey: { answer: 'ceremony', load: () => import('./passkey.js') },
  totp: { answer: 'code', load: () => import('./totp.js') },
  recovery_code: { answer: 'code', load: () => import('./recovery-code.js') },
};

/** How the login asks for a choice; undefined for a name this widget does not know. */
const answerOf = (f: FactorChoiceName | null) =>
  f !== null && Object.hasOwn(registry, f) ? registry[f].answer : undefined;

/**
 * Whether a choice is answered with a typed code (the code step, no waiting) — one the user has,
 * or one the server sends when it is picked (`isSentCode`).
 */
export const isCodeFactor = (f: FactorChoiceName | null): f is CodeFactor => {
  const answer: string | undefined = answerOf(f);
  return answer === 'code' || answer === 'sent-code';
};

/** Whether picking a choice first asks the server to send its code (an e-mail code). */
export const isSentCode = (f: FactorChoiceName | null): f is CodeFactor => {
  const answer: string | undefined = answerOf(f);
  return answer === 'sent-code';
};

/** Whether a choice is a ceremony in the browser, run by its view's `signIn` (a passkey). */
export const isCeremony = (f: FactorChoiceName | null): f is CeremonyFactor => {
  const answer: string | undefined = answerOf(f);
  return answer === 'ceremony';
};

const CEREMONIES = (Object.keys(registry) as FactorChoiceName[]).filter(isCeremony);

/** Which ceremonies this browser can run, by name: those in `usable`; every other one `false`. */
export const ceremonyState = (usable: readonly CeremonyFactor[] = []) =>
  Object.fromEntries(CEREMONIES.map((n) => [n, usable.includes(n)])) as Record<
    CeremonyFactor,
    boolean
  >;

/** Of the views loaded, the ceremonies this browser can run: `signIn`, and `usable()` if given. */
export const usableCeremonies = (views: FactorViews): CeremonyFactor[] =>
  (Object.keys(views) as FactorChoiceName[]).filter((n): n is CeremonyFactor => {
    const v = views[n];
    return isCeremony(n) && !!v?.signIn && v.usable?.() !== false;
  });

/** Loads the views of `names` (each chunk once; names without a view are skipped). */
export async function loadFactorViews(names: readonly string[]): Promise<FactorViews> {
  const known = names.filter((n): n is FactorChoiceName => Object.hasOwn(registry, n));
  const loaded = await Promise.all(
    [...new Set(known)].map((n) => registry[n].load().then((m) => [n, m.view] as const)),
  );
  return Object.fromEntries(loaded);
}
