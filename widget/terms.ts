/**
 * Everything the widget says, in English and German, as one typed table per language. The element
 * translates API errors by their `code` and falls back to the server's English `message` for a code
 * it does not know. Add a language by adding a `Terms` object and a line to `pickTerms`.
 */

/** One language's words. Functions take the parts that vary. */
export interface Terms {
  /** BCP 47 code, set as `lang` on what the element renders. */
  code: string;
  loading: string;
  inside: (zone: string) => string;
  /** `ip` is null when the server cannot tell the address (it then counts as outside). */
  outside: (ip: string | null) => string;
  modePassword: string;
  mode2fa: string;
  mode2sa: string;
  username: string;
  password: string;
  secSignId: string;
  signIn: string;
  next: string;
  passAlt: string;
  /** `symbol` false: the access pass is switched off, there is no symbol to pick. */
  passHint: (id: string, symbol: boolean) => string;
  waiting: (left: string) => string;
  openApp: string;
  cancel: string;
  startAgain: string;
  retry: string;
  canceled: string;
  signedIn: (name: string) => string;
  stillTrying: string;
  /** `minutes` is the wait rounded up, at least 1. */
  lockedOut: (minutes: number) => string;
  /** Messages by API error code (plus `network`); see `errorText` for codes that share one. */
  errors: Record<string, string>;
}

const en: Terms = {
  code: 'en',
  loading: 'Checking where you are…',
  inside: (zone) => `You are on the company network (${zone}).`,
  outside: (ip) => `You are outside the company network${ip ? ` (${ip})` : ''}.`,
  modePassword: 'Sign in with your password.',
  mode2fa: 'Confirm with your SecSign ID.',
  mode2sa: 'Sign in with your password, then confirm with your SecSign ID.',
  username: 'Username',
  password: 'Password',
  secSignId: 'SecSign ID',
  signIn: 'Sign in',
  next: 'Continue',
  passAlt: 'Access pass symbol',
  passHint: (id, symbol) =>
    `Open the SecSign ID app for ${id} and ${symbol ? 'pick this same symbol' : 'confirm the login'}.`,
  waiting: (left) => `Waiting for your confirmation: ${left} left`,
  openApp: 'Open the SecSign ID app',
  cancel: 'Cancel',
  startAgain: 'Start again',
  retry: 'Try again',
  canceled: 'Sign-in cancelled.',
  signedIn: (name) => `Signed in as ${name}.`,
  stillTrying: 'The server does not answer; still trying…',
  lockedOut: (m) => `Too many attempts. Try again in ${m} min.`,
  errors: {
    network: 'Cannot reach the sign-in server, and there is no other way in. Please try again.',
    invalid_credentials: 'Wrong username or password.',
    invalid_input: 'Please fill in every field.',
    user_disabled: 'This account is disabled.',
    no_secsign_id: 'You have no SecSign ID yet. Ask an administrator to assign one.',
    secsign_no_such_id: 'This SecSign ID does not exist.',
    secsign_id_frozen: 'SecSign ID frozen: tap it in the SecSign ID app to reactivate it.',
    secsign_unreachable: 'The SecSign ID server does not answer. Please try again.',
    service_unavailable: 'Sign-in is unavailable right now. Please try again.',
    forbidden_origin: 'This page may not sign in here.',
    wrong_step: 'Your network changed. Please sign in again.',
    secsign_expired: 'The request timed out.',
    secsign_denied: 'The request was denied in the app (or another symbol was picked).',
    secsign_suspended: 'A newer sign-in request replaced this one.',
    secsign_canceled: 'The request was cancelled.',
    secsign_invalid: 'The SecSign ID server rejected the request.',
    transaction_invalid: 'This sign-in request is no longer valid.',
    address_changed: 'Your network address changed. Please start again.',
  },
};

const de: Terms = {
  code: 'de',
  loading: 'Prüfe, wo Sie sind…',
  inside: (zone) => `Sie sind im Firmennetz (${zone}).`,
  outside: (ip) => `Sie sind außerhalb des Firmennetzes${ip ? ` (${ip})` : ''}.`,
  modePassword: 'Melden Sie sich mit Ihrem Passwort an.',
  mode2fa: 'Bestätigen Sie mit Ihrer SecSign ID.',
  mode2sa: 'Melden Sie sich mit Ihrem Passwort an und bestätigen Sie dann mit Ihrer SecSign ID.',
  username: 'Benutzername',
  password: 'Passwort',
  secSignId: 'SecSign ID',
  signIn: 'Anmelden',
  next: 'Weiter',
  passAlt: 'Access-Pass-Symbol',
  passHint: (id, symbol) =>
    `Öffnen Sie die SecSign ID App für ${id} und ${symbol ? 'wählen Sie dasselbe Symbol' : 'bestätigen Sie die Anmeldung'}.`,
  waiting: (left) => `Warte auf Ihre Bestätigung: noch ${left}`,
  openApp: 'SecSign ID App öffnen',
  cancel: 'Abbrechen',
  startAgain: 'Neu beginnen',
  retry: 'Erneut versuchen',
  canceled: 'Anmeldung abgebrochen.',
  signedIn: (name) => `Angemeldet als ${name}.`,
  stillTrying: 'Keine Antwort vom Server; neuer Versuch läuft…',
  lockedOut: (m) => `Zu viele Versuche. Bitte in ${m} Min. erneut versuchen.`,
  errors: {
    network: 'Anmeldeserver nicht erreichbar; es gibt keinen anderen Weg. Bitte erneut versuchen.',
    invalid_credentials: 'Benutzername oder Passwort falsch.',
    invalid_input: 'Bitte alle Felder ausfüllen.',
    user_disabled: 'Dieses Konto ist gesperrt.',
    no_secsign_id: 'Sie haben noch keine SecSign ID. Ein Administrator muss sie zuweisen.',
    secsign_no_such_id: 'Diese SecSign ID gibt es nicht.',
    secsign_id_frozen: 'SecSign ID eingefroren: in der SecSign ID App antippen zum Reaktivieren.',
    secsign_unreachable: 'Der SecSign ID Server antwortet nicht. Bitte erneut versuchen.',
    service_unavailable: 'Anmeldung gerade nicht möglich. Bitte erneut versuchen.',
    forbidden_origin: 'Diese Seite darf hier nicht anmelden.',
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

/** The term for an error code: unusable answers read like no answer; a mode mismatch is one message. */
export function errorText(t: Terms, code: string): string | undefined {
  // An ID with characters SecSign IDs never have (422 invalid_secsign_id) cannot exist there.
  const key =
    code === 'bad_response'
      ? 'network'
      : code === 'password_not_used'
        ? 'wrong_step'
        : code === 'invalid_secsign_id'
          ? 'secsign_no_such_id'
          : code;
  return t.errors[key];
}

/** The terms for a language tag: German for `de…`, English otherwise. */
export function pickTerms(lang: string | null | undefined): Terms {
  return /^de\b/i.test(lang ?? '') ? de : en;
}

/** `m:ss` for a countdown. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
