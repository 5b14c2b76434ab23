/**
 * The words the second factors' views share, English and German: the profile's "Second factors"
 * card (title, introduction) and how an enrolled factor's dates and removal read. Each factor's
 * own words live in its view (`totp/totp-view.ts` …).
 */
const en = {
  factorsTitle: 'Second factors',
  factorsIntro:
    'Outside the safe zone you confirm your sign-in with a second factor. A code from an authenticator app counts together with your password.',
  addedOn: (w: string) => `added ${w}`,
  lastUsedOn: (w: string) => `last used ${w}`,
  neverUsed: 'not used yet',
  removeFactor: 'Remove',
  waiting: (what: string, when: string) =>
    `Waiting for approval: ${what}, set up on ${when}. It counts once an administrator approves it.`,
  kinds: {
    totp: 'your authenticator app',
    passkey: 'your passkey',
    secsign: 'your SecSign ID',
  } as Record<string, string>,
  sentForApproval: 'Sent to an administrator for approval.',
};

export type FactorTerms = typeof en;

const de: FactorTerms = {
  factorsTitle: 'Zweite Faktoren',
  factorsIntro:
    'Außerhalb der sicheren Zone bestätigen Sie Ihre Anmeldung mit einem zweiten Faktor. Ein Code aus einer Authenticator-App zählt zusammen mit Ihrem Passwort.',
  addedOn: (w) => `hinzugefügt ${w}`,
  lastUsedOn: (w) => `zuletzt benutzt ${w}`,
  neverUsed: 'noch nicht benutzt',
  removeFactor: 'Entfernen',
  waiting: (what, when) =>
    `Wartet auf Freigabe: ${what}, eingerichtet am ${when}. Der Faktor zählt, sobald ein Administrator ihn freigibt.`,
  kinds: { totp: 'Ihre Authenticator-App', passkey: 'Ihr Passkey', secsign: 'Ihre SecSign ID' },
  sentForApproval: 'Zur Freigabe an einen Administrator geschickt.',
};

/** The table for a page language code (`de`, else English). */
export const factorTerms = (code: string): FactorTerms => (code === 'de' ? de : en);
