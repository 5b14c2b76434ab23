/**
 * The enrolment prompt's view (enrol-prompt.ts) is a chunk of its own, like the factor views: only
 * a sign-in the enrolment campaign answers with `enrol` fetches it — before the answer reaches the
 * machine (login-effects.ts), so the step renders at once. Part of the step chunk.
 */
type PromptModule = typeof import('./enrol-prompt.js');

let loaded: PromptModule | undefined;

/** The view, once loaded. */
export const enrolPrompt = (): PromptModule | undefined => loaded;

/** Loads the view (once). */
export async function loadEnrolPrompt(): Promise<void> {
  loaded ??= await import('./enrol-prompt.js');
}
