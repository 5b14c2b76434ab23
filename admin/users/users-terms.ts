/**
 * The users section's words, English and German, beside the section: search, the editor, password,
 * sessions, resetting second factors, and the user API's refusals shown at their fields.
 */
const en = {
  users: 'Users',
  search: 'Search',
  searchHint: 'Name, display name, e-mail or SecSign ID',
  addUser: 'Add a user',
  accountDisabled: 'Disabled (cannot sign in)',
  password: 'Password',
  newPassword: 'New password',
  setPassword: 'Set password',
  passwordSet: 'The password was changed.',
  revokeSessions: 'Sign out everywhere',
  revoked: (n: number) => `${n} session(s) ended.`,
  resetFactors: 'Reset second factors',
  confirmResetFactors: (name: string) =>
    `Remove all authenticator apps, passkeys and recovery codes of ${name}? Their sessions end; the SecSign ID stays.`,
  factorsReset: 'Second factors reset; the user’s sessions were ended.',
  noUserFactors: 'No authenticator app, passkey or recovery codes (a SecSign ID is above).',
  errors: {
    username_taken: 'A user of this name exists already.',
    invalid_username: 'A username is 1–100 letters, digits or . _ @ + -',
    password_too_short: 'The password needs at least 8 characters.',
    password_too_long: 'The password may have at most 1024 characters.',
  } as Record<string, string>,
};

export type UsersTerms = typeof en;

const de: UsersTerms = {
  users: 'Benutzer',
  search: 'Suchen',
  searchHint: 'Name, Anzeigename, E-Mail oder SecSign ID',
  addUser: 'Benutzer hinzufügen',
  accountDisabled: 'Deaktiviert (kann sich nicht anmelden)',
  password: 'Passwort',
  newPassword: 'Neues Passwort',
  setPassword: 'Passwort setzen',
  passwordSet: 'Das Passwort wurde geändert.',
  revokeSessions: 'Überall abmelden',
  revoked: (n) => `${n} Sitzung(en) beendet.`,
  resetFactors: 'Zweite Faktoren zurücksetzen',
  confirmResetFactors: (name) =>
    `Alle Authenticator-Apps, Passkeys und Wiederherstellungscodes von ${name} entfernen? Die Sitzungen enden; die SecSign ID bleibt.`,
  factorsReset: 'Zweite Faktoren zurückgesetzt; die Sitzungen des Benutzers wurden beendet.',
  noUserFactors:
    'Keine Authenticator-App, kein Passkey, keine Wiederherstellungscodes (eine SecSign ID steht oben).',
  errors: {
    username_taken: 'Ein Benutzer mit diesem Namen existiert bereits.',
    invalid_username: 'Ein Benutzername hat 1–100 Buchstaben, Ziffern oder . _ @ + -',
    password_too_short: 'Das Passwort braucht mindestens 8 Zeichen.',
    password_too_long: 'Das Passwort darf höchstens 1024 Zeichen haben.',
  },
};

/** The table for a page language code (`de`, else English). */
export const usersTerms = (code: string): UsersTerms => (code === 'de' ? de : en);
