/**
 * The overview section's words, English and German, beside the section: tiles, charts and who is
 * locked out.
 */
const en = {
  overview: 'Overview',
  overviewIntro: (from: string, to: string) => `Sign-ins from ${from} to ${to}.`,
  signIns: 'Sign-ins',
  seriesInside: 'Inside a zone',
  seriesOutside: 'Outside every zone',
  failedAttempts: 'Failed attempts',
  lockedNow: 'Locked out now',
  overTime: 'Sign-ins over time',
  topZones: 'Zones with the most sign-ins',
  failuresByOutcome: 'Failed attempts by outcome',
  secondFactorFailures: 'Second-factor failures',
  noneLocked: 'Nobody is locked out.',
  lockedUntil: (until: string) => `until ${until}`,
  lockedKinds: { user: 'User', ip: 'Address', secsign: 'SecSign ID' } as Record<string, string>,
  asTable: 'Show the numbers',
  chartSummary: (inside: number, outside: number, failed: number) =>
    `${inside} inside, ${outside} outside, ${failed} failed`,
};

export type OverviewTerms = typeof en;

const de: OverviewTerms = {
  overview: 'Überblick',
  overviewIntro: (from, to) => `Anmeldungen von ${from} bis ${to}.`,
  signIns: 'Anmeldungen',
  seriesInside: 'In einer Zone',
  seriesOutside: 'Außerhalb aller Zonen',
  failedAttempts: 'Gescheiterte Versuche',
  lockedNow: 'Jetzt gesperrt',
  overTime: 'Anmeldungen im Zeitverlauf',
  topZones: 'Zonen mit den meisten Anmeldungen',
  failuresByOutcome: 'Gescheiterte Versuche nach Ergebnis',
  secondFactorFailures: 'Fehlschläge beim zweiten Faktor',
  noneLocked: 'Niemand ist gesperrt.',
  lockedUntil: (until) => `bis ${until}`,
  lockedKinds: { user: 'Benutzer', ip: 'Adresse', secsign: 'SecSign ID' },
  asTable: 'Zahlen zeigen',
  chartSummary: (inside, outside, failed) =>
    `${inside} in einer Zone, ${outside} außerhalb, ${failed} gescheitert`,
};

/** The table for a page language code (`de`, else English). */
export const overviewTerms = (code: string): OverviewTerms => (code === 'de' ? de : en);
