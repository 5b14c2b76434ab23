/**
 * Every sentence the simulated phone app shows, in English and German, and the choice between them
 * from the browser's Accept-Language. Kept apart from the markup so the two languages stay in step.
 */

export type Lang = 'en' | 'de';

const TEXT = {
  title: { en: 'SecSign ID simulator', de: 'SecSign-ID-Simulator' },
  simulator: { en: 'Simulator', de: 'Simulator' },
  warningStrong: {
    en: 'Simulator for demos and tests.',
    de: 'Simulator für Vorführungen und Tests.',
  },
  warningRest: {
    en: 'Anyone who can open this page can approve logins. Never enable it in production.',
    de: 'Wer diese Seite öffnen kann, kann Anmeldungen bestätigen. Niemals im Produktivbetrieb einschalten.',
  },
  idLabel: { en: 'Your SecSign ID', de: 'Ihre SecSign ID' },
  showRequests: { en: 'Show login requests', de: 'Anmeldeanfragen zeigen' },
  requestsFor: { en: 'Login requests for', de: 'Anmeldeanfragen für' },
  noRequests: {
    en: 'No open login requests.',
    de: 'Keine offenen Anmeldeanfragen.',
  },
  refresh: { en: 'Refresh the list', de: 'Liste aktualisieren' },
  frozen: {
    en: 'This SecSign ID is frozen: several login requests came at once. Tap “Reactivate” to use it again.',
    de: 'Diese SecSign ID ist eingefroren: Mehrere Anmeldeanfragen kamen gleichzeitig. Tippen Sie auf „Reaktivieren“, um sie wieder zu nutzen.',
  },
  reactivate: { en: 'Reactivate', de: 'Reaktivieren' },
  reactivated: {
    en: 'This SecSign ID is active again. Sign in again on the login page.',
    de: 'Diese SecSign ID ist wieder aktiv. Melden Sie sich auf der Anmeldeseite erneut an.',
  },
  /** The login widget's alternative text for the access pass (widget/terms.ts `passAlt`). */
  passAlt: { en: 'Access pass symbol', de: 'Access-Pass-Symbol' },
  problem: { en: 'Cannot do that', de: 'Nicht möglich' },
  unknownId: {
    en: 'This simulator does not know that SecSign ID.',
    de: 'Diese SecSign ID kennt der Simulator nicht.',
  },
  service: { en: 'Service', de: 'Dienst' },
  address: { en: 'Address', de: 'Adresse' },
  timeLeft: { en: 'Time left', de: 'Verbleibend' },
  secondsLeft: { en: ' s left', de: ' s übrig' },
  open: { en: 'Open', de: 'Öffnen' },
  loginRequest: { en: 'Login request', de: 'Anmeldeanfrage' },
  pickSymbol: {
    en: 'Pick the symbol that the login page shows.',
    de: 'Wählen Sie das Symbol, das die Anmeldeseite zeigt.',
  },
  noAccessPass: {
    en: 'Do you want to sign in to this service?',
    de: 'Möchten Sie sich bei diesem Dienst anmelden?',
  },
  symbolOf: { en: 'symbol {n} of {total}', de: 'Symbol {n} von {total}' },
  accept: { en: 'Accept', de: 'Annehmen' },
  deny: { en: 'Deny', de: 'Ablehnen' },
  approved: {
    en: 'Login approved. Go back to the login page.',
    de: 'Anmeldung bestätigt. Kehren Sie zur Anmeldeseite zurück.',
  },
  denied: { en: 'Login denied.', de: 'Anmeldung abgelehnt.' },
  back: { en: 'Back to the login requests', de: 'Zurück zu den Anmeldeanfragen' },
  notFound: {
    en: 'There is no such login request for this SecSign ID.',
    de: 'Diese Anmeldeanfrage gibt es für diese SecSign ID nicht.',
  },
  notOpen: {
    en: 'This login request is no longer open. Its state:',
    de: 'Diese Anmeldeanfrage ist nicht mehr offen. Ihr Zustand:',
  },
  badRequest: {
    en: 'This request is incomplete or malformed.',
    de: 'Diese Anfrage ist unvollständig oder fehlerhaft.',
  },
  forbidden: {
    en: 'This form was not sent from this page (security check failed). Reload the page and try again.',
    de: 'Dieses Formular kam nicht von dieser Seite (Sicherheitsprüfung fehlgeschlagen). Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  },
  unsupported: {
    en: 'Send the form as application/x-www-form-urlencoded.',
    de: 'Senden Sie das Formular als application/x-www-form-urlencoded.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

/** The sentence `key` in `lang`. */
export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

/** German when the browser prefers it over English, otherwise English. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Names of the auth-session states, for the phone's "no longer open" message. */
export const STATE_NAMES: Record<Lang, readonly string[]> = {
  en: [
    'No state',
    'Pending',
    'Expired',
    'Authenticated',
    'Denied',
    'Suspended',
    'Canceled',
    'Fetched',
    'Invalid',
  ],
  de: [
    'Kein Zustand',
    'Wartend',
    'Abgelaufen',
    'Bestätigt',
    'Abgelehnt',
    'Ausgesetzt',
    'Abgebrochen',
    'Abgerufen',
    'Ungültig',
  ],
};
