/**
 * The settings section's words (how people sign in, the second factors that count outside), English
 * and German, beside the section; its refusals (`invalid_policy`, `no_secsign_admin`) too.
 */
const en = {
  settings: 'Settings',
  signInRules: 'How people sign in (IPSafeZone)',
  ipSafeZoneActive: 'Activate IPSafeZone',
  ipSafeZoneHint:
    'From inside a zone a password suffices; from outside a second factor is needed. Off: a second factor is needed from everywhere, the office included.',
  twoStepActive: 'Activate two-step authentication (2SA)',
  twoStepHint:
    'From outside: password first, then a second factor (instead of a second factor alone).',
  usersChangeOwnId: 'Users may change their own SecSign ID',
  secSignAdmins: (n: number) => `Administrators with a SecSign ID: ${n}`,
  fixNoOutsideAdmin: 'Give an administrator a SecSign ID',
  outsideFactors: 'Second factors that count outside the safe zone',
  outsideFactorsHint:
    'Authenticator-app codes and recovery codes count only together with the password. At least one administrator must be able to sign in from outside with one of the chosen factors.',
  firstFactorInside:
    'Users may enrol their first second factor with the password inside the safe zone',
  outsideAdmins: (n: number) => `Administrators who can sign in from outside: ${n}`,
  errors: {
    invalid_policy: 'Choose at least one second factor besides recovery codes.',
    no_secsign_admin:
      'IPSafeZone can only be activated when at least one enabled administrator can sign in from outside with a second factor that counts there (a SecSign ID, a passkey or an authenticator app); otherwise nobody could.',
  } as Record<string, string>,
};

export type SettingsTerms = typeof en;

const de: SettingsTerms = {
  settings: 'Einstellungen',
  signInRules: 'Wie man sich anmeldet (IPSafeZone)',
  ipSafeZoneActive: 'IPSafeZone aktivieren',
  ipSafeZoneHint:
    'Innerhalb einer Zone genügt das Passwort; von außerhalb wird ein zweiter Faktor gebraucht. Aus: Ein zweiter Faktor wird überall gebraucht, auch im Büro.',
  twoStepActive: 'Zwei-Schritt-Authentifizierung (2SA) aktivieren',
  twoStepHint:
    'Von außerhalb: erst das Passwort, dann ein zweiter Faktor (statt eines zweiten Faktors allein).',
  usersChangeOwnId: 'Benutzer dürfen ihre eigene SecSign ID ändern',
  secSignAdmins: (n) => `Administratoren mit SecSign ID: ${n}`,
  fixNoOutsideAdmin: 'Einem Administrator eine SecSign ID geben',
  outsideFactors: 'Zweite Faktoren, die außerhalb der sicheren Zone zählen',
  outsideFactorsHint:
    'Codes aus einer Authenticator-App und Wiederherstellungscodes zählen nur zusammen mit dem Passwort. Mindestens ein Administrator muss sich von außerhalb mit einem der gewählten Faktoren anmelden können.',
  firstFactorInside:
    'Benutzer dürfen ihren ersten zweiten Faktor innerhalb der sicheren Zone mit dem Passwort einrichten',
  outsideAdmins: (n) => `Administratoren, die sich von außerhalb anmelden können: ${n}`,
  errors: {
    invalid_policy: 'Wählen Sie außer Wiederherstellungscodes mindestens einen zweiten Faktor.',
    no_secsign_admin:
      'IPSafeZone lässt sich erst aktivieren, wenn sich mindestens ein aktiver Administrator von außerhalb mit einem dort zählenden zweiten Faktor anmelden kann (SecSign ID, Passkey oder Authenticator-App); sonst könnte es niemand.',
  },
};

/** The table for a page language code (`de`, else English). */
export const settingsTerms = (code: string): SettingsTerms => (code === 'de' ? de : en);
