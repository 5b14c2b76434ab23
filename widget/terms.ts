/**
 * Everything the widget says, as one typed table per language. Each table is a chunk of the build
 * of its own (`terms-en.ts`, `terms-de.ts`), loaded by `loadTerms` together with the first
 * `/api/zone` answer, to keep the first bundle small; built in are only the words the element
 * needs before a table can arrive or when it cannot arrive at all (server down): loading, retry,
 * "cannot reach the server". The element translates API errors by their `code` and falls back to
 * the server's English `message` for a code it does not know. Add a language by adding a `Terms`
 * chunk and a line to `loadTerms`.
 */

import type { Terms } from './terms-type.js';

export type { Terms };

const isGerman = (lang: string | null | undefined) => /^de\b/i.test(lang ?? '');

/** The words a start that fails needs, until (or unless) a language's table is in. */
const start = (code: string, loading: string, retry: string, network: string): Terms =>
  ({ code, loading, retry, errors: { network } }) as unknown as Terms;

const tables: Record<string, Terms> = {
  en: start(
    'en',
    'Checking where you are…',
    'Try again',
    'Cannot reach the sign-in server, and there is no other way in. Please try again.',
  ),
  de: start(
    'de',
    'Prüfe, wo Sie sind…',
    'Erneut versuchen',
    'Anmeldeserver nicht erreichbar; es gibt keinen anderen Weg. Bitte erneut versuchen.',
  ),
};
const loaded = new Set<string>();

/**
 * Loads the table for `lang` once. Rejects when the chunk cannot be fetched (server down): the
 * element then shows the start words and "try again".
 */
export async function loadTerms(lang: string | null | undefined): Promise<void> {
  const code = isGerman(lang) ? 'de' : 'en';
  if (loaded.has(code)) return;
  const m = code === 'de' ? await import('./terms-de.js') : await import('./terms-en.js');
  tables[code] = Object.values(m)[0] as Terms;
  loaded.add(code);
}

/** The term for an error code: unusable answers read like no answer; a mode mismatch is one message. */
export function errorText(t: Terms, code: string): string | undefined {
  // An ID with characters SecSign IDs never have (422 invalid_secsign_id) cannot exist there.
  const key =
    code === 'bad_response'
      ? 'network'
      : code === 'password_not_used'
        ? 'wrong_step'
        : code === 'invalid_secsign_id'
          ? 'secsign_no_such_id'
          : code;
  return t.errors[key];
}

/**
 * The terms for a language tag: German for `de…`, English otherwise — the full table once
 * `loadTerms` brought it, else only the start words (other terms are then `undefined`).
 */
export function pickTerms(lang: string | null | undefined): Terms {
  const code = isGerman(lang) ? 'de' : 'en';
  // A language switched after the start: another full table until this one is in.
  const full = loaded.has(code) ? code : [...loaded][0];
  return tables[full ?? code]!;
}

/** `m:ss` for a countdown. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
