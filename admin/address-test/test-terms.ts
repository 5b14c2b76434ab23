/**
 * The words of "Test an address", English and German, beside the section: which zone an address
 * is in and what a sign-in from there needs.
 */
const en = {
  test: 'Test an address',
  usernameOptional: 'Username (optional)',
  check: 'Check',
  yourAddress: (ip: string, reason: string) => `Your address: ${ip} (found: ${reason})`,
  insideZone: (zone: string) => `Inside zone ${zone}.`,
  outsideZones: 'Outside every zone.',
  notAnAddress: 'This is not an IP address; it counts as outside.',
  modePassword: 'A password suffices.',
  mode2fa: 'A second factor is needed (alone).',
  mode2sa: 'Password, then a second factor.',
  zonesUnavailable: 'The zones cannot be read right now: everyone counts as outside.',
};

export type TestTerms = typeof en;

const de: TestTerms = {
  test: 'Adresse testen',
  usernameOptional: 'Benutzername (optional)',
  check: 'Prüfen',
  yourAddress: (ip, reason) => `Ihre Adresse: ${ip} (ermittelt: ${reason})`,
  insideZone: (zone) => `In der Zone ${zone}.`,
  outsideZones: 'Außerhalb aller Zonen.',
  notAnAddress: 'Das ist keine IP-Adresse; sie gilt als außerhalb.',
  modePassword: 'Das Passwort genügt.',
  mode2fa: 'Ein zweiter Faktor wird gebraucht (allein).',
  mode2sa: 'Passwort, dann ein zweiter Faktor.',
  zonesUnavailable: 'Die Zonen sind gerade nicht lesbar: Alle gelten als außerhalb.',
};

/** The table for a page language code (`de`, else English). */
export const testTerms = (code: string): TestTerms => (code === 'de' ? de : en);
