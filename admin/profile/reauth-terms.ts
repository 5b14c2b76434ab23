/**
 * The words of the profile's "Confirm it's you" dialog and its list of recent changes to sign-in
 * methods, English and German, in a table of their own (each factor's way to confirm has its
 * words in its view, admin/factors/). The sentences for each kind of change are the widget's
 * (widget/factor-changes.ts), so a user reads the same words after signing in and on the profile.
 */
const en = {
  confirmTitle: "Confirm it's you",
  confirmIntro: (minutes: number) =>
    `Changing how you sign in needs a sign-in within the last ${minutes} minutes. Confirm it is you to go on.`,
  confirmFactorIntro:
    'This change needs a session confirmed with one of your second factors. Confirm it is you with one of them to go on.',
  password: 'Your password',
  confirm: 'Confirm',
  cancel: 'Cancel',
  confirmed: 'Confirmed.',
  changesTitle: 'Recent changes to how you sign in',
  changesIntro:
    'If you do not recognise a change, remove the method above and end your other sessions below.',
  noChanges: 'No changes in the last 90 days.',
  change: 'Change',
  when: 'When',
  from: 'From address',
  by: 'By',
  you: 'you',
  admin: 'an administrator',
};

const de: typeof en = {
  confirmTitle: 'Bestätigen Sie, dass Sie es sind',
  confirmIntro: (minutes: number) =>
    `Um zu ändern, wie Sie sich anmelden, braucht es eine Anmeldung in den letzten ${minutes} Minuten. Bestätigen Sie, dass Sie es sind.`,
  confirmFactorIntro:
    'Diese Änderung braucht eine Sitzung, die mit einem Ihrer zweiten Faktoren bestätigt ist. Bestätigen Sie mit einem davon, dass Sie es sind.',
  password: 'Ihr Passwort',
  confirm: 'Bestätigen',
  cancel: 'Abbrechen',
  confirmed: 'Bestätigt.',
  changesTitle: 'Letzte Änderungen an Ihren Anmeldemethoden',
  changesIntro:
    'Erkennen Sie eine Änderung nicht, entfernen Sie die Methode oben und beenden Sie unten Ihre anderen Sitzungen.',
  noChanges: 'Keine Änderungen in den letzten 90 Tagen.',
  change: 'Änderung',
  when: 'Wann',
  from: 'Von Adresse',
  by: 'Durch',
  you: 'Sie',
  admin: 'einen Administrator',
};

export type ReauthTerms = typeof en;

/** The table for a page language code (`de`, else English). */
export const reauthTerms = (code: string): ReauthTerms => (code === 'de' ? de : en);
