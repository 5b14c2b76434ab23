/**
 * After signing in: what changed in the user's sign-in methods since their previous sign-in
 * ("A passkey was added on … from … — not you?"), with the way to act — their profile, where a
 * method is removed and the other sessions ended — and "Continue" to go on (issue 23, item 2).
 * In the step chunk: only a sign-in reaches it. The words, English and German, are shared with
 * the profile page's list of recent changes (admin/profile/factor-changes-card.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FactorChangeJson } from './api-types.js';

type Kind = FactorChangeJson['change'];

const WORDS = {
  en: {
    kinds: {
      passkey_added: 'A passkey was added',
      passkey_removed: 'A passkey was removed',
      app_added: 'An authenticator app was added',
      app_removed: 'An authenticator app was removed',
      recovery_codes: 'New recovery codes were made',
      factors_reset: 'An administrator reset your second factors',
      secsign_id_set: 'Your SecSign ID was changed',
      secsign_id_removed: 'Your SecSign ID was removed',
    } satisfies Record<Kind, string>,
    sentence: (what: string, when: string, from: string | null) =>
      `${what} on ${when}${from ? ` from ${from}` : ''}.`,
    quote: (label: string) => `“${label}”`,
    heading: 'Since you last signed in',
    notYou: 'Not you? Remove it and end your other sessions on your profile.',
    profile: 'Open your profile',
    go: 'Continue',
  },
  de: {
    kinds: {
      passkey_added: 'Ein Passkey wurde hinzugefügt',
      passkey_removed: 'Ein Passkey wurde entfernt',
      app_added: 'Eine Authenticator-App wurde hinzugefügt',
      app_removed: 'Eine Authenticator-App wurde entfernt',
      recovery_codes: 'Neue Wiederherstellungscodes wurden erstellt',
      factors_reset: 'Ein Administrator hat Ihre zweiten Faktoren zurückgesetzt',
      secsign_id_set: 'Ihre SecSign ID wurde geändert',
      secsign_id_removed: 'Ihre SecSign ID wurde entfernt',
    } satisfies Record<Kind, string>,
    sentence: (what: string, when: string, from: string | null) =>
      `${what} (am ${when}${from ? `, von ${from}` : ''}).`,
    quote: (label: string) => `„${label}“`,
    heading: 'Seit Ihrer letzten Anmeldung',
    notYou: 'Nicht Sie? Entfernen Sie es und beenden Sie Ihre anderen Sitzungen in Ihrem Profil.',
    profile: 'Profil öffnen',
    go: 'Weiter',
  },
};

/** The words for `lang` (`de…` German, else English). */
export const changeWords = (lang: string) => (lang.startsWith('de') ? WORDS.de : WORDS.en);

/** One change as a sentence: "A passkey was added on 6 Dec 2026, 04:10 from 10.1.2.3." */
export function changeSentence(lang: string, c: FactorChangeJson): string {
  const w = changeWords(lang);
  const when = new Date(c.at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const what = `${w.kinds[c.change]}${c.label ? ` (${w.quote(c.label)})` : ''}`;
  return w.sentence(what, when, c.clientIp);
}

/**
 * The notice after signing in (nothing when no change is to be told): the changes, the link to the
 * backend's profile page (`server`), and "Continue" — on to `return-to`, or (none) the notice closes.
 */
export function renderFactorChanges(
  lang: string,
  server: string,
  changes: readonly FactorChangeJson[],
  onContinue: () => void,
): TemplateResult | typeof nothing {
  if (!changes.length) return nothing;
  const w = changeWords(lang);
  const profileHref = `${server.replace(/\/+$/, '')}/profile`;
  return html`<div part="factor-changes" class="changes" role="alert">
    <p><strong>${w.heading}</strong></p>
    <ul>
      ${changes.map((c) => html`<li>${changeSentence(lang, c)}</li>`)}
    </ul>
    <p>${w.notYou}</p>
    <p class="row">
      <a part="profile-link" href=${profileHref}>${w.profile}</a>
      <button
        part="button continue-button"
        class="button primary"
        type="button"
        @click=${onContinue}
      >
        ${w.go}
      </button>
    </p>
  </div>`;
}
