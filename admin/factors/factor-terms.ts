/**
 * The words of the second factors, English and German: their names (settings, users), the profile's
 * "Second factors" card (authenticator apps, recovery codes) and a user's factors in the users section.
 */
const en = {
  factorsTitle: 'Second factors',
  factorsIntro:
    'Outside the safe zone you confirm your sign-in with a second factor. A code from an authenticator app counts together with your password.',
  authApp: 'Authenticator app',
  addedOn: (w: string) => `added ${w}`,
  lastUsedOn: (w: string) => `last used ${w}`,
  neverUsed: 'not used yet',
  recoveryLeft: (n: number) => `Unused recovery codes: ${n} of 10.`,
  factorNames: {
    secsign: 'SecSign ID',
    passkey: 'Passkey',
    totp: 'Authenticator app (with the password)',
    recovery_code: 'Recovery code (with the password)',
  } as Record<string, string>,
  noFactors: 'No authenticator app yet.',
  addAuthApp: 'Add an authenticator app',
  scanQr:
    'Scan this QR code with your authenticator app (or type the key below into it), then type the 6-digit code the app shows.',
  qrAlt: 'QR code for your authenticator app',
  manualKey: 'Key',
  appLabel: 'Name (e.g. “Work phone”)',
  firstCode: 'Code from the app',
  confirmApp: 'Confirm',
  removeFactor: 'Remove',
  factorAdded: 'Authenticator app added. Your other sessions were ended.',
  factorRemoved: 'Removed. Your other sessions were ended.',
  recoveryTitle: 'Recovery codes',
  newRecoveryCodes: 'Create new recovery codes',
  recoveryShowOnce:
    'Save these codes now — print them or keep them in a password manager: they are shown only this once. If your second factor is lost, each code works once, together with your password. Creating new codes ends these.',
};

export type FactorTerms = typeof en;

const de: FactorTerms = {
  factorsTitle: 'Zweite Faktoren',
  factorsIntro:
    'Außerhalb der sicheren Zone bestätigen Sie Ihre Anmeldung mit einem zweiten Faktor. Ein Code aus einer Authenticator-App zählt zusammen mit Ihrem Passwort.',
  authApp: 'Authenticator-App',
  addedOn: (w) => `hinzugefügt ${w}`,
  lastUsedOn: (w) => `zuletzt benutzt ${w}`,
  neverUsed: 'noch nicht benutzt',
  recoveryLeft: (n) => `Unbenutzte Wiederherstellungscodes: ${n} von 10.`,
  factorNames: {
    secsign: 'SecSign ID',
    passkey: 'Passkey',
    totp: 'Authenticator-App (mit dem Passwort)',
    recovery_code: 'Wiederherstellungscode (mit dem Passwort)',
  },
  noFactors: 'Noch keine Authenticator-App.',
  addAuthApp: 'Authenticator-App hinzufügen',
  scanQr:
    'Scannen Sie diesen QR-Code mit Ihrer Authenticator-App (oder geben Sie den Schlüssel unten dort ein) und tippen Sie dann den 6-stelligen Code ein, den die App zeigt.',
  qrAlt: 'QR-Code für Ihre Authenticator-App',
  manualKey: 'Schlüssel',
  appLabel: 'Name (z. B. „Diensthandy“)',
  firstCode: 'Code aus der App',
  confirmApp: 'Bestätigen',
  removeFactor: 'Entfernen',
  factorAdded: 'Authenticator-App hinzugefügt. Ihre anderen Sitzungen wurden beendet.',
  factorRemoved: 'Entfernt. Ihre anderen Sitzungen wurden beendet.',
  recoveryTitle: 'Wiederherstellungscodes',
  newRecoveryCodes: 'Neue Wiederherstellungscodes erstellen',
  recoveryShowOnce:
    'Speichern Sie diese Codes jetzt – drucken Sie sie aus oder legen Sie sie in einem Passwortmanager ab: Sie werden nur dieses eine Mal gezeigt. Geht Ihr zweiter Faktor verloren, gilt jeder Code einmal, zusammen mit Ihrem Passwort. Neue Codes beenden diese.',
};

/** The table for a page language code (`de`, else English). */
export const factorTerms = (code: string): FactorTerms => (code === 'de' ? de : en);
