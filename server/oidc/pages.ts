/**
 * The few pages the provider itself shows: an error that must not be sent back to an untrusted
 * redirect URI (unknown client, unregistered redirect URI), the "sign out?" confirmation of
 * RP-initiated logout, "you are signed out", and "too many sign-ins from this network" (the cap on
 * anonymous requests, anonymous-cap.ts). In English and German, no inline script.
 */
import { esc, htmlDocument, type PageLang } from '../platform/html.js';

const T = {
  en: {
    errorTitle: 'Sign-in cannot continue',
    errorLead: 'The application that sent you here made a request ipsafezone cannot accept.',
    code: 'Error',
    logoutTitle: 'Sign out?',
    logoutLead: (client: string | null) =>
      client
        ? `Do you want to sign out of ipsafezone (requested by ${client})?`
        : 'Do you want to sign out of ipsafezone?',
    yes: 'Yes, sign me out',
    no: 'No, stay signed in',
    doneTitle: 'Signed out',
    doneLead: 'You are signed out. You can close this window.',
    busyTitle: 'Too many sign-ins',
    busyLead: (minutes: number) =>
      `Too many sign-ins were started from your network in a short time. Please wait ${minutes} ${
        minutes === 1 ? 'minute' : 'minutes'
      } and then try again.`,
  },
  de: {
    errorTitle: 'Anmeldung nicht möglich',
    errorLead:
      'Die Anwendung, die Sie hierher geschickt hat, hat eine Anfrage gestellt, die ipsafezone nicht annehmen kann.',
    code: 'Fehler',
    logoutTitle: 'Abmelden?',
    logoutLead: (client: string | null) =>
      client
        ? `Möchten Sie sich von ipsafezone abmelden (angefordert von ${client})?`
        : 'Möchten Sie sich von ipsafezone abmelden?',
    yes: 'Ja, abmelden',
    no: 'Nein, angemeldet bleiben',
    doneTitle: 'Abgemeldet',
    doneLead: 'Sie sind abgemeldet. Sie können dieses Fenster schließen.',
    busyTitle: 'Zu viele Anmeldungen',
    busyLead: (minutes: number) =>
      `Von Ihrem Netzwerk aus wurden in kurzer Zeit zu viele Anmeldungen begonnen. Bitte warten Sie ${minutes} ${
        minutes === 1 ? 'Minute' : 'Minuten'
      } und versuchen Sie es dann erneut.`,
  },
} as const;

function page(lang: PageLang, title: string, body: string): string {
  return htmlDocument({
    lang,
    title,
    styles: ['/assets/page.css'],
    body: `<main class="ipsz-login-page"><h1>${esc(title)}</h1><div class="ipsz-card">${body}</div></main>`,
  });
}

export function errorPage(lang: PageLang, code: string, description: string): string {
  const t = T[lang];
  return page(
    lang,
    t.errorTitle,
    `<p>${esc(t.errorLead)}</p><p>${esc(t.code)}: <code>${esc(code)}</code></p>${
      description ? `<p>${esc(description)}</p>` : ''
    }`,
  );
}

/** `form` is the provider's hidden form (with its anti-forgery token); the buttons submit it. */
export function logoutPage(lang: PageLang, form: string, client: string | null): string {
  const t = T[lang];
  return page(
    lang,
    t.logoutTitle,
    `${form}<p>${esc(t.logoutLead(client))}</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${esc(t.yes)}</button>
<button type="submit" form="op.logoutForm">${esc(t.no)}</button>`,
  );
}

export function loggedOutPage(lang: PageLang): string {
  const t = T[lang];
  return page(lang, t.doneTitle, `<p>${esc(t.doneLead)}</p>`);
}

/** The answer beyond the cap on anonymous sign-ins from one network (sent with 429). */
export function tooManyPage(lang: PageLang, retryAfterSeconds: number): string {
  const t = T[lang];
  return page(lang, t.busyTitle, `<p>${esc(t.busyLead(Math.ceil(retryAfterSeconds / 60)))}</p>`);
}
