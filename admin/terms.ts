/**
 * The words every part of the admin and profile pages shares, in English and German: buttons, the
 * pager, a user's data, the SecSign ID field, and the API errors any section may meet. Each
 * section keeps its own words beside it (`zones/zones-terms.ts`, `users/users-terms.ts` …) and
 * picks them by this table's `code`; a section's own error words come first (`errorText`). API
 * errors are translated by `code`, with the server's English `message` as the fallback for codes
 * not listed.
 */
import type { ApiError } from './api.js';

const en = {
  code: 'en',
  admin: 'Administration',
  profile: 'Profile',
  signOut: 'Sign out',
  sections: 'Sections',
  loading: 'Loading…',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: (what: string) => `Delete ${what}? This cannot be undone.`,
  yesDelete: 'Yes, delete',
  saved: 'Saved.',
  previous: 'Previous',
  next: 'Next',
  pageOf: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
  none: 'Nothing to show.',
  enabled: 'Enabled',
  disabled: 'Disabled',
  status: 'Status',
  address: 'Address',
  username: 'Username',
  displayName: 'Display name',
  email: 'E-mail',
  role: 'Role',
  roleAdmin: 'Administrator',
  roleUser: 'User',
  secSignId: 'SecSign ID',
  noSecSignId: '(none)',
  changeAnyway: 'Change anyway and end my session',
  errors: {
    reauthentication_required:
      'Changing how you sign in needs a recent sign-in. Confirm it is you, then try again.',
    confirm_method_unavailable: 'Confirm with one of your own sign-in methods.',
    second_factor_required:
      'This needs a session confirmed with a second factor (or a recovery code): sign out and sign in again with it.',
    first_factor_inside_off:
      'Your administrator does not allow enrolling a first second factor with the password alone. Ask an administrator.',
    no_second_factor: 'Add a second factor first.',
    invalid_code:
      'That code is not right. Check the time on your phone and type the code the app shows now.',
    enrolment_invalid: 'This enrolment has expired or was used already. Start again.',
    secret_key_missing:
      'The server cannot store authenticator apps: IPSAFEZONE_SECRET_KEY is not set. Tell your administrator.',
    too_many_factors: 'Remove an authenticator app before adding another.',
    too_many_attempts: 'Too many failed attempts. Wait a few minutes, then try again.',
    factor_not_found: 'This factor was removed already.',
    network: 'The server cannot be reached. Check your connection and try again.',
    bad_response: 'The server gave an unexpected answer. Try again.',
    not_signed_in: 'You are no longer signed in. Reload the page to sign in again.',
    not_admin: 'Only an administrator may do this.',
    last_secsign_admin:
      'This is the last enabled administrator who can sign in from outside with a second factor that counts there. Give another administrator such a factor first.',
    admin_locked_out:
      'Not saved: an administrator would lose the way in — they would need a second factor where they sign in, and have none. Set one up for them first.',
    ends_own_session:
      'Not saved yet: after this change, signing in from where you are needs a second factor, so your current session would end. To go ahead anyway, choose “Change anyway and end my session”.',
    policy_changed:
      'Not saved: someone else changed the zones or settings at the same moment. Look at them again and save once more.',
    approval_waiting:
      'Your first second factor is waiting for approval by an administrator. You can add another once it is approved.',
    secsign_id_taken: 'Another user already has this SecSign ID.',
    secsign_id_unknown: 'The SecSign ID server does not know this SecSign ID. Check the spelling.',
    secsign_id_change_not_allowed: 'You may not change this SecSign ID.',
    invalid_input: 'Some fields are missing or malformed.',
    session_not_found: 'This session has ended already.',
  } as Record<string, string>,
};

/** One language's shared words. */
export type Terms = typeof en;

const de: Terms = {
  code: 'de',
  admin: 'Verwaltung',
  profile: 'Profil',
  signOut: 'Abmelden',
  sections: 'Bereiche',
  loading: 'Wird geladen…',
  save: 'Speichern',
  cancel: 'Abbrechen',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  confirmDelete: (what) => `${what} löschen? Das lässt sich nicht rückgängig machen.`,
  yesDelete: 'Ja, löschen',
  saved: 'Gespeichert.',
  previous: 'Zurück',
  next: 'Weiter',
  pageOf: (from, to, total) => `${from}–${to} von ${total}`,
  none: 'Keine Einträge.',
  enabled: 'Aktiv',
  disabled: 'Deaktiviert',
  status: 'Status',
  address: 'Adresse',
  username: 'Benutzername',
  displayName: 'Anzeigename',
  email: 'E-Mail',
  role: 'Rolle',
  roleAdmin: 'Administrator',
  roleUser: 'Benutzer',
  secSignId: 'SecSign ID',
  noSecSignId: '(keine)',
  changeAnyway: 'Trotzdem ändern und meine Sitzung beenden',
  errors: {
    reauthentication_required:
      'Um zu ändern, wie Sie sich anmelden, braucht es eine frische Anmeldung. Bestätigen Sie, dass Sie es sind, und versuchen Sie es erneut.',
    confirm_method_unavailable: 'Bestätigen Sie mit einer Ihrer eigenen Anmeldemethoden.',
    second_factor_required:
      'Dafür braucht es eine Sitzung, die mit einem zweiten Faktor (oder einem Wiederherstellungscode) bestätigt wurde: Melden Sie sich ab und damit wieder an.',
    first_factor_inside_off:
      'Ihr Administrator erlaubt nicht, einen ersten zweiten Faktor nur mit dem Passwort einzurichten. Fragen Sie einen Administrator.',
    no_second_factor: 'Richten Sie zuerst einen zweiten Faktor ein.',
    invalid_code:
      'Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und geben Sie den aktuellen Code der App ein.',
    enrolment_invalid:
      'Diese Einrichtung ist abgelaufen oder wurde schon verwendet. Beginnen Sie neu.',
    secret_key_missing:
      'Der Server kann keine Authenticator-Apps speichern: IPSAFEZONE_SECRET_KEY ist nicht gesetzt. Sagen Sie es Ihrem Administrator.',
    too_many_factors: 'Entfernen Sie eine Authenticator-App, bevor Sie eine weitere hinzufügen.',
    too_many_attempts:
      'Zu viele Fehlversuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.',
    factor_not_found: 'Dieser Faktor wurde schon entfernt.',
    network:
      'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
    bad_response: 'Der Server hat unerwartet geantwortet. Versuchen Sie es erneut.',
    not_signed_in: 'Sie sind nicht mehr angemeldet. Laden Sie die Seite neu, um sich anzumelden.',
    not_admin: 'Das darf nur ein Administrator.',
    last_secsign_admin:
      'Das ist der letzte aktive Administrator, der sich von außerhalb mit einem dort zählenden zweiten Faktor anmelden kann. Geben Sie zuerst einem anderen Administrator einen solchen Faktor.',
    admin_locked_out:
      'Nicht gespeichert: Ein Administrator verlöre den Zugang – dort, wo er sich anmeldet, bräuchte er einen zweiten Faktor und hat keinen. Richten Sie ihm zuerst einen ein.',
    ends_own_session:
      'Noch nicht gespeichert: Nach dieser Änderung braucht eine Anmeldung von Ihrem Standort aus einen zweiten Faktor – Ihre aktuelle Sitzung würde enden. Um trotzdem fortzufahren, wählen Sie „Trotzdem ändern und meine Sitzung beenden“.',
    policy_changed:
      'Nicht gespeichert: Jemand anderes hat im selben Moment die Zonen oder Einstellungen geändert. Sehen Sie sie sich noch einmal an und speichern Sie erneut.',
    approval_waiting:
      'Ihr erster zweiter Faktor wartet auf die Freigabe durch einen Administrator. Einen weiteren können Sie hinzufügen, sobald er freigegeben ist.',
    secsign_id_taken: 'Ein anderer Benutzer hat diese SecSign ID bereits.',
    secsign_id_unknown:
      'Der SecSign-ID-Server kennt diese SecSign ID nicht. Bitte die Schreibweise prüfen.',
    secsign_id_change_not_allowed: 'Sie dürfen diese SecSign ID nicht ändern.',
    invalid_input: 'Einige Felder fehlen oder sind ungültig.',
    session_not_found: 'Diese Sitzung ist bereits beendet.',
  },
};

/** The terms for a language tag (`de…` German, anything else English). */
export function pickTerms(lang: string | null | undefined): Terms {
  return (lang ?? '').toLowerCase().startsWith('de') ? de : en;
}

/**
 * A failed call in plain words: translated by code (a section's `own` words first, then the shared
 * ones), else the server's message.
 */
export function errorText(t: Terms, e: unknown, own: Record<string, string> = {}): string {
  const err = e as Partial<ApiError>;
  const word = err?.code ? (own[err.code] ?? t.errors[err.code]) : undefined;
  if (word) return word;
  return err?.message ?? t.errors.bad_response!;
}

/** A date-time in the page language, short. */
export function when(t: Terms, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(t.code === 'de' ? 'de-DE' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'medium',
      });
}
