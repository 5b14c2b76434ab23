/**
 * The directories section's words, English and German, beside the section: the list, "Test a
 * user" and what a password check found. The add forms' words are each kind's own (the server's
 * server/directories/<kind>/kind.ts, served with its form fields).
 */
const WORDS = {
  en: {
    title: 'Directories',
    intro:
      'Passwords are checked in this order: the users on this page first, then each enabled directory. The first that knows the user name decides. When a directory does not answer, nobody signs in with a password.',
    none: 'No directories: only users with a password of their own here sign in with a password.',
    name: 'Name',
    kind: 'Kind',
    address: 'Address',
    enabled: 'Enabled',
    yes: 'yes',
    no: 'no',
    actions: 'Actions',
    testConnection: 'Test connection',
    enable: 'Enable',
    disable: 'Disable',
    remove: 'Remove',
    confirmRemove: (n: string) => `Remove "${n}"? Users who came from it are disabled.`,
    testUser: 'Test a user',
    directory: 'Directory',
    username: 'User name',
    passwordOptional: 'Password (optional, not stored)',
    check: 'Test',
    found: 'Found',
    notFound: 'The directory does not know this user name.',
    displayName: 'Display name',
    email: 'E-mail',
    groups: 'Groups',
    admin: 'Administrator',
    notDecided: 'not decided by the directory',
    secSignId: 'SecSign ID',
    disabledThere: 'Disabled in the directory',
    passwordCheck: 'Password check',
    add: 'Add',
    added: 'Directory added.',
  },
  de: {
    title: 'Verzeichnisse',
    intro:
      'Passwörter werden in dieser Reihenfolge geprüft: zuerst die Benutzer dieser Seite, dann jedes aktive Verzeichnis. Das erste, das den Benutzernamen kennt, entscheidet. Antwortet ein Verzeichnis nicht, meldet sich niemand mit Passwort an.',
    none: 'Keine Verzeichnisse: nur Benutzer mit eigenem Passwort hier melden sich mit Passwort an.',
    name: 'Name',
    kind: 'Art',
    address: 'Adresse',
    enabled: 'Aktiv',
    yes: 'ja',
    no: 'nein',
    actions: 'Aktionen',
    testConnection: 'Verbindung testen',
    enable: 'Aktivieren',
    disable: 'Deaktivieren',
    remove: 'Entfernen',
    confirmRemove: (n: string) =>
      `„${n}“ entfernen? Benutzer, die daher kamen, werden deaktiviert.`,
    testUser: 'Benutzer testen',
    directory: 'Verzeichnis',
    username: 'Benutzername',
    passwordOptional: 'Passwort (optional, wird nicht gespeichert)',
    check: 'Testen',
    found: 'Gefunden',
    notFound: 'Das Verzeichnis kennt diesen Benutzernamen nicht.',
    displayName: 'Anzeigename',
    email: 'E-Mail',
    groups: 'Gruppen',
    admin: 'Administrator',
    notDecided: 'vom Verzeichnis nicht festgelegt',
    secSignId: 'SecSign ID',
    disabledThere: 'Im Verzeichnis deaktiviert',
    passwordCheck: 'Passwortprüfung',
    add: 'Hinzufügen',
    added: 'Verzeichnis hinzugefügt.',
  },
};

/** The section's words. */
export type DirectoriesTerms = (typeof WORDS)['en'];

/** The section's words for a page language code (`de`, else English). */
export const directoriesTerms = (code: string): DirectoriesTerms =>
  code === 'de' ? WORDS.de : WORDS.en;

/** The section's name in the page's language (for the page's navigation). */
export const directoriesLabel = (code: string) => directoriesTerms(code).title;

const CHECK_WORDS: Record<string, { en: string; de: string }> = {
  ok: { en: 'right', de: 'richtig' },
  wrong_password: { en: 'wrong password', de: 'falsches Passwort' },
  unknown_user: { en: 'unknown user', de: 'unbekannter Benutzer' },
  unavailable: { en: 'directory unavailable', de: 'Verzeichnis nicht erreichbar' },
};

/** What a directory's password check found, in the page's language (null for no check). */
export const passwordCheckWord = (check: string | undefined, code: string): string | null =>
  check ? (CHECK_WORDS[check]?.[code === 'de' ? 'de' : 'en'] ?? null) : null;
