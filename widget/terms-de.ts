/**
 * The widget's German words: its own chunk of the build, loaded by `loadTerms` (terms.ts) only
 * when the element speaks German, so English pages do not download them.
 */
import type { Terms } from './terms-type.js';

export const de: Terms = {
  code: 'de',
  loading: 'Prüfe, wo Sie sind…',
  inside: (zone) => `Sie sind im Firmennetz (${zone}).`,
  outside: (ip) =>
    ip ? `Sie sind außerhalb des Firmennetzes (${ip}).` : 'Sie sind außerhalb des Firmennetzes.',
  modePassword: 'Melden Sie sich mit Ihrem Passwort an.',
  mode2fa: 'Bestätigen Sie mit Ihrer SecSign ID.',
  mode2sa:
    'Melden Sie sich mit Ihrem Passwort an und bestätigen Sie dann mit einem zweiten Faktor.',
  username: 'Benutzername',
  password: 'Passwort',
  secSignId: 'SecSign ID',
  signIn: 'Anmelden',
  next: 'Weiter',
  showPassword: 'Passwort anzeigen',
  remember: 'Auf diesem Gerät merken',
  help: 'Probleme bei der Anmeldung?',
  forgot: 'Passwort vergessen?',
  passAlt: 'Access-Pass-Symbol',
  passHint: (id) =>
    `Öffnen Sie die SecSign ID App für ${id} und wählen Sie das hier gezeigte Symbol.`,
  confirmHint: (id) => `Öffnen Sie die SecSign ID App für ${id} und bestätigen Sie die Anmeldung.`,
  waiting: (left) => `Warte auf Ihre Bestätigung: noch ${left}`,
  openApp: 'SecSign ID App öffnen',
  cancel: 'Abbrechen',
  sendNew: 'Neue Anfrage senden',
  startAgain: 'Neu beginnen',
  retry: 'Erneut versuchen',
  canceled: 'Anmeldung abgebrochen.',
  signedIn: (name) => `Angemeldet als ${name}.`,
  stillTrying: 'Keine Antwort vom Server; neuer Versuch läuft…',
  lockedOut: (m) => `Zu viele Versuche. Bitte in ${m} Min. erneut versuchen.`,
  reference: (id) => `Referenz: ${id}`,
  anotherWay: 'Anders bestätigen',
  chooseHint: 'Wählen Sie, wie Sie bestätigen, dass Sie es sind.',
  confirm: 'Bestätigen',
  errors: {
    passkey_refused: 'Dieser Passkey konnte nicht geprüft werden. Bitte erneut versuchen.',
    passkey_user_verification:
      'Ihr Passkey muss bestätigen, dass Sie es sind (PIN, Fingerabdruck oder Gesicht). Bitte erneut versuchen.',
    passkey_canceled: 'Es wurde kein Passkey verwendet. Erneut versuchen oder anders anmelden.',
    passkey_not_enough: 'Von Ihrem Standort aus melden Sie sich zuerst mit Ihrem Passwort an.',
    network: 'Anmeldeserver nicht erreichbar; es gibt keinen anderen Weg. Bitte erneut versuchen.',
    invalid_credentials: 'Benutzername oder Passwort falsch.',
    invalid_input: 'Bitte alle Felder ausfüllen.',
    user_disabled: 'Dieses Konto ist gesperrt.',
    invalid_password_or_code: 'Benutzername, Passwort oder Code falsch.',
    invalid_code: 'Dieser Code stimmt nicht oder wurde schon verwendet.',
    factor_not_allowed: 'Dieser Weg zählt von Ihrem Standort aus nicht. Bestätigen Sie anders.',
    factor_unavailable: 'Dieser Weg lässt sich gerade nicht prüfen. Bestätigen Sie anders.',
    no_secsign_id: 'Sie haben noch keine SecSign ID. Ein Administrator muss sie zuweisen.',
    no_account:
      'Diese SecSign ID ist hier keinem Konto zugewiesen. Ein Administrator muss sie zuweisen.',
    secsign_no_such_id:
      'Diese SecSign ID gibt es nicht. Geben Sie Ihre SecSign ID ein, nicht Ihren Benutzernamen; haben Sie keine, muss ein Administrator sie zuweisen.',
    secsign_id_frozen:
      'Ihre SecSign ID ist nach mehreren Anfragen eingefroren: Tippen Sie sie in der SecSign ID App an, um sie zu reaktivieren, und versuchen Sie es dann erneut.',
    secsign_unreachable: 'Der SecSign ID Server antwortet nicht. Bitte erneut versuchen.',
    secsign_error:
      'Der SecSign ID Server hat mit einem Fehler geantwortet. Bitte erneut versuchen.',
    service_unavailable: 'Anmeldung gerade nicht möglich. Bitte erneut versuchen.',
    forbidden_origin:
      'Diese Seite darf den Anmeldeserver nicht nutzen: Ihre Adresse steht nicht in seiner Liste erlaubter Origins. Bitte Ihren Administrator informieren.',
    session_not_kept:
      'Die Anmeldung hat geklappt, aber dieser Browser hat die Sitzung nicht behalten: Seite und Anmeldeserver liegen auf verschiedenen Sites, daher wurde das Cookie blockiert. Bitte Ihren Administrator informieren.',
    wrong_step: 'Ihr Netz hat sich geändert. Bitte erneut anmelden.',
    secsign_expired: 'Die Anfrage ist abgelaufen.',
    secsign_denied: 'Die Anfrage wurde in der App abgelehnt (oder ein anderes Symbol gewählt).',
    secsign_suspended: 'Eine neuere Anmeldeanfrage hat diese ersetzt.',
    secsign_canceled: 'Die Anfrage wurde abgebrochen.',
    secsign_invalid: 'Der SecSign ID Server hat die Anfrage abgelehnt.',
    transaction_invalid: 'Diese Anmeldeanfrage ist nicht mehr gültig.',
    address_changed: 'Ihre Adresse hat sich geändert. Bitte neu beginnen.',
  },
};
