/**
 * The demo pages' words in English and German, in one table so both languages stay complete
 * (the type makes a missing German entry a compile error).
 */
import type { PageLang } from '../server/platform/html.js';

const EN = {
  startTitle: 'ipsafezone demo',
  startIntro:
    'ipsafezone decides how people sign in to Jira and Confluence by where they are: inside the company network a password is enough, outside they confirm with their SecSign ID.',
  twoSides: 'Try both sides of the zone on this machine',
  insideLabel: 'Inside the demo zone (password is enough):',
  outsideLabel: 'Outside the zone (SecSign ID needed):',
  youAre: 'This page was opened from',
  youAreInside: 'which is inside the zone',
  youAreOutside: 'which is outside every zone',
  modeNow: 'Sign-in required from here:',
  pages: 'Pages',
  jiraLink: 'Jira-style login page',
  confluenceLink: 'Confluence-style login page',
  loginLink: 'ipsafezone’s own login page',
  phoneLink: 'Simulated SecSign ID phone app',
  adminLink: 'Admin page (administrators only)',
  appLink: 'Protected sample page (shows who is signed in)',
  rpLink: 'Sample application signing in with OpenID Connect (like Jira)',
  usersNote:
    'The demo users and their passwords were printed in the console when the server started.',
  jiraTitle: 'Log in — Jira-style demo',
  jiraHeading: 'Log in to continue',
  confluenceTitle: 'Log in — Confluence-style demo',
  confluenceHeading: 'Log in to your wiki',
  noScript:
    'The sign-in form could not start: JavaScript is off, or the sign-in server cannot be reached. Turn JavaScript on, or try again in a moment.',
  styleNote: 'A look-alike for the demo; not an Atlassian product.',
  back: 'Back to the demo start page',
  appTitle: 'Protected sample page',
  signedInAs: 'Signed in as',
  user: 'User name',
  name: 'Name',
  role: 'Role',
  factors: 'Proven at sign-in',
  address: 'Your address',
  zone: 'Zone',
  noZone: '(outside every zone)',
  mode: 'Required from here',
  proxyUser: 'Remote-User received from the proxy',
  appNote:
    'This page is shown only while your session is enough from the address you are at now — the same decision nginx gets from /api/verify.',
  modePassword: 'password',
  mode2fa: 'a second factor (SecSign ID or passkey)',
  mode2sa: 'the password, then a second factor',
};

const DE: typeof EN = {
  startTitle: 'ipsafezone-Demo',
  startIntro:
    'ipsafezone entscheidet nach dem Standort, wie man sich bei Jira und Confluence anmeldet: im Firmennetz genügt das Passwort, außerhalb bestätigt man mit der SecSign ID.',
  twoSides: 'Beide Seiten der Zone auf diesem Rechner ausprobieren',
  insideLabel: 'Innerhalb der Demo-Zone (Passwort genügt):',
  outsideLabel: 'Außerhalb der Zone (SecSign ID nötig):',
  youAre: 'Diese Seite wurde geöffnet von',
  youAreInside: 'das liegt in der Zone',
  youAreOutside: 'das liegt außerhalb aller Zonen',
  modeNow: 'Anmeldung von hier:',
  pages: 'Seiten',
  jiraLink: 'Anmeldeseite im Jira-Stil',
  confluenceLink: 'Anmeldeseite im Confluence-Stil',
  loginLink: 'Die eigene Anmeldeseite von ipsafezone',
  phoneLink: 'Simulierte SecSign-ID-App',
  adminLink: 'Verwaltungsseite (nur für Administratoren)',
  appLink: 'Geschützte Beispielseite (zeigt, wer angemeldet ist)',
  rpLink: 'Beispielanwendung mit Anmeldung per OpenID Connect (wie Jira)',
  usersNote:
    'Die Demo-Benutzer und ihre Passwörter wurden beim Start des Servers in der Konsole ausgegeben.',
  jiraTitle: 'Anmelden — Demo im Jira-Stil',
  jiraHeading: 'Zum Fortfahren anmelden',
  confluenceTitle: 'Anmelden — Demo im Confluence-Stil',
  confluenceHeading: 'Beim Wiki anmelden',
  noScript:
    'Das Anmeldeformular konnte nicht starten: JavaScript ist aus, oder der Anmeldeserver ist nicht erreichbar. Bitte JavaScript einschalten oder gleich erneut versuchen.',
  styleNote: 'Eine Nachbildung für die Demo; kein Atlassian-Produkt.',
  back: 'Zurück zur Startseite der Demo',
  appTitle: 'Geschützte Beispielseite',
  signedInAs: 'Angemeldet als',
  user: 'Benutzername',
  name: 'Name',
  role: 'Rolle',
  factors: 'Bei der Anmeldung nachgewiesen',
  address: 'Ihre Adresse',
  zone: 'Zone',
  noZone: '(außerhalb aller Zonen)',
  mode: 'Von hier nötig',
  proxyUser: 'Remote-User vom Proxy erhalten',
  appNote:
    'Diese Seite wird nur gezeigt, solange Ihre Sitzung von Ihrer jetzigen Adresse aus genügt — dieselbe Entscheidung, die nginx von /api/verify bekommt.',
  modePassword: 'Passwort',
  mode2fa: 'ein zweiter Faktor (SecSign ID oder Passkey)',
  mode2sa: 'das Passwort, dann ein zweiter Faktor',
};

export type DemoText = typeof EN;

/** The demo pages' texts in the page's language. */
export function demoText(lang: PageLang): DemoText {
  return lang === 'de' ? DE : EN;
}
