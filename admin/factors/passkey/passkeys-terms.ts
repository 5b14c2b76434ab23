/**
 * The words of the profile's passkeys section, English and German, in a table of their own (the
 * page's big table, admin/terms.ts, is shared by every section): picked by the page's language code.
 */
const en = {
  passkeys: 'Passkeys',
  passkeysIntro:
    'A passkey signs you in from outside the company network on its own: your device checks it is you (PIN, fingerprint or face). No user name or password needed.',
  noPasskeys: 'You have no passkey yet.',
  name: 'Name',
  passkeyName: 'Name of the new passkey',
  passkeyNameDefault: 'My passkey',
  addPasskey: 'Add a passkey',
  removePasskey: 'Remove',
  removeNamed: (label: string) => `Remove passkey ${label}`,
  added: 'Added',
  lastUsed: 'Last used',
  never: 'never',
  synced: 'synced',
  passkeyAdded: 'Passkey added. Your other sessions were ended.',
  passkeyRemoved: 'Passkey removed. Your other sessions were ended.',
  changeNeedsSecondFactor:
    'To add or remove a passkey, sign out and sign in again with a second factor (for example this passkey).',
  unsupported: 'This browser cannot create passkeys.',
  errors: {
    passkey_canceled: 'No passkey was created.',
    passkey_user_verification:
      'Your device must confirm it is you (PIN, fingerprint or face) for a passkey.',
    passkey_refused: 'This passkey could not be registered. Please try again.',
    passkey_exists: 'This passkey is registered already.',
    challenge_invalid: 'This request is no longer valid. Please start again.',
  } as Record<string, string>,
};

export type PasskeyTerms = typeof en;

const de: PasskeyTerms = {
  passkeys: 'Passkeys',
  passkeysIntro:
    'Ein Passkey meldet Sie von außerhalb des Firmennetzes allein an: Ihr Gerät prüft, dass Sie es sind (PIN, Fingerabdruck oder Gesicht). Kein Benutzername und kein Passwort nötig.',
  noPasskeys: 'Sie haben noch keinen Passkey.',
  name: 'Name',
  passkeyName: 'Name des neuen Passkeys',
  passkeyNameDefault: 'Mein Passkey',
  addPasskey: 'Passkey hinzufügen',
  removePasskey: 'Entfernen',
  removeNamed: (label) => `Passkey ${label} entfernen`,
  added: 'Hinzugefügt',
  lastUsed: 'Zuletzt benutzt',
  never: 'nie',
  synced: 'synchronisiert',
  passkeyAdded: 'Passkey hinzugefügt. Ihre anderen Sitzungen wurden beendet.',
  passkeyRemoved: 'Passkey entfernt. Ihre anderen Sitzungen wurden beendet.',
  changeNeedsSecondFactor:
    'Um einen Passkey hinzuzufügen oder zu entfernen, melden Sie sich ab und erneut mit einem zweiten Faktor an (zum Beispiel diesem Passkey).',
  unsupported: 'Dieser Browser kann keine Passkeys anlegen.',
  errors: {
    passkey_canceled: 'Es wurde kein Passkey angelegt.',
    passkey_user_verification:
      'Ihr Gerät muss für einen Passkey bestätigen, dass Sie es sind (PIN, Fingerabdruck oder Gesicht).',
    passkey_refused: 'Dieser Passkey konnte nicht registriert werden. Bitte erneut versuchen.',
    passkey_exists: 'Dieser Passkey ist bereits registriert.',
    challenge_invalid: 'Diese Anfrage ist nicht mehr gültig. Bitte neu beginnen.',
  },
};

export const passkeyTerms = (code: string): PasskeyTerms => (code === 'de' ? de : en);
