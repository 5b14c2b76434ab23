/**
 * The report-only section's words (issue 27 §3), English and German, beside the section: starting
 * a draft, the overview of live against draft per day, the users concerned, Apply and Discard.
 */
const en = {
  reportOnly: 'Report-only',
  intro:
    'Try a change of the policy without it deciding anything: for the days you choose, the live policy still decides every sign-in, and beside each one ipsafezone records what the draft would have done.',
  startTitle: 'Start a draft',
  unchanged: 'unchanged',
  on: 'on',
  off: 'off',
  ipSafeZone: 'IPSafeZone',
  twoStep: 'Two-step authentication',
  outsideFactors: 'Second factors that count outside',
  zones: 'Zones',
  zonesHint:
    'One zone per line: name, a colon, its ranges separated by commas. Left as shown: unchanged.',
  days: 'Run for (days)',
  start: 'Start report-only',
  started: 'The draft runs in report-only mode.',
  draftTitle: (id: number) => `Draft ${id}`,
  status: {
    running: 'running',
    applied: 'applied',
    discarded: 'discarded',
    expired: 'ended',
  } as Record<string, string>,
  period: (from: string, to: string, running: boolean) =>
    running ? `Started ${from}, runs until ${to}.` : `Ran from ${from} to ${to}.`,
  changes: 'What the draft changes',
  recorded: 'Sign-ins and grants',
  liveSecond: 'Live: second factor asked',
  draftSecond: 'Draft: would have asked a second factor',
  draftPassword: 'Draft: would have let a password do',
  needsMore: 'Would have needed more than live',
  needsLess: 'Would have needed less than live',
  chart: 'Per day: what the live policy asked and what the draft would have',
  chartSummary: (live: number, draft: number) =>
    `live asked a second factor ${live} times, the draft would have ${draft} times`,
  seriesSecond: 'Second factor',
  seriesPassword: 'Password would do',
  dayLive: (day: string) => `${day} live`,
  dayDraft: (day: string) => `${day} draft`,
  asTable: 'Show the numbers',
  day: 'Day',
  usersCaption: (shown: number, total: number) =>
    shown < total
      ? `Users treated differently (${shown} of ${total})`
      : 'Users treated differently',
  noUsers: 'So far the draft would have treated nobody differently.',
  user: 'User',
  signIns: 'Sign-ins',
  more: 'Would have needed more',
  less: 'Would have needed less',
  apply: 'Apply…',
  applyNow: 'Apply the draft now',
  cancel: 'Cancel',
  discard: 'Discard',
  applyIntro:
    'Before the draft becomes the live policy: what it would have done to the last 30 days of sign-ins.',
  applied: 'The draft is now the live policy.',
  discarded: 'The draft was discarded; the live policy is unchanged.',
  proxiesToSet: (list: string) =>
    `The trusted proxies are configuration: set IPSAFEZONE_TRUSTED_PROXIES=${list} and restart the server.`,
  errors: {
    draft_running: 'A draft is already running. Apply or discard it first.',
    draft_not_running: 'This draft is no longer running.',
    draft_changes_nothing: 'This draft is the same as the live policy.',
  } as Record<string, string>,
};

export type DraftsTerms = typeof en;

const de: DraftsTerms = {
  reportOnly: 'Probelauf',
  intro:
    'Eine Änderung der Regeln ausprobieren, ohne dass sie etwas entscheidet: Für die gewählten Tage entscheiden weiter die geltenden Regeln über jede Anmeldung, und ipsafezone hält daneben fest, was der Entwurf getan hätte.',
  startTitle: 'Entwurf starten',
  unchanged: 'unverändert',
  on: 'an',
  off: 'aus',
  ipSafeZone: 'IPSafeZone',
  twoStep: 'Zweistufige Anmeldung',
  outsideFactors: 'Zweite Faktoren, die außerhalb zählen',
  zones: 'Zonen',
  zonesHint:
    'Eine Zone je Zeile: Name, ein Doppelpunkt, die Bereiche durch Kommas getrennt. So gelassen: unverändert.',
  days: 'Laufzeit (Tage)',
  start: 'Probelauf starten',
  started: 'Der Entwurf läuft im Probelauf.',
  draftTitle: (id) => `Entwurf ${id}`,
  status: {
    running: 'läuft',
    applied: 'übernommen',
    discarded: 'verworfen',
    expired: 'beendet',
  },
  period: (from, to, running) =>
    running ? `Gestartet ${from}, läuft bis ${to}.` : `Lief von ${from} bis ${to}.`,
  changes: 'Was der Entwurf ändert',
  recorded: 'Anmeldungen und Freigaben',
  liveSecond: 'Geltend: zweiter Faktor verlangt',
  draftSecond: 'Entwurf: hätte einen zweiten Faktor verlangt',
  draftPassword: 'Entwurf: hätte das Passwort genügen lassen',
  needsMore: 'Hätten mehr gebraucht als jetzt',
  needsLess: 'Hätten weniger gebraucht als jetzt',
  chart: 'Je Tag: was die geltenden Regeln verlangten und was der Entwurf verlangt hätte',
  chartSummary: (live, draft) =>
    `geltend ${live}-mal zweiter Faktor verlangt, der Entwurf hätte ihn ${draft}-mal verlangt`,
  seriesSecond: 'Zweiter Faktor',
  seriesPassword: 'Passwort genügt',
  dayLive: (day) => `${day} geltend`,
  dayDraft: (day) => `${day} Entwurf`,
  asTable: 'Zahlen zeigen',
  day: 'Tag',
  usersCaption: (shown, total) =>
    shown < total
      ? `Anders behandelte Benutzer (${shown} von ${total})`
      : 'Anders behandelte Benutzer',
  noUsers: 'Bisher hätte der Entwurf niemanden anders behandelt.',
  user: 'Benutzer',
  signIns: 'Anmeldungen',
  more: 'Hätten mehr gebraucht',
  less: 'Hätten weniger gebraucht',
  apply: 'Übernehmen …',
  applyNow: 'Entwurf jetzt übernehmen',
  cancel: 'Abbrechen',
  discard: 'Verwerfen',
  applyIntro: 'Bevor der Entwurf gilt: was er mit den Anmeldungen der letzten 30 Tage getan hätte.',
  applied: 'Der Entwurf gilt jetzt.',
  discarded: 'Der Entwurf wurde verworfen; die geltenden Regeln bleiben.',
  proxiesToSet: (list) =>
    `Vertrauenswürdige Proxys sind Konfiguration: IPSAFEZONE_TRUSTED_PROXIES=${list} setzen und den Server neu starten.`,
  errors: {
    draft_running: 'Es läuft schon ein Entwurf. Übernehmen oder verwerfen Sie ihn zuerst.',
    draft_not_running: 'Dieser Entwurf läuft nicht mehr.',
    draft_changes_nothing: 'Dieser Entwurf gleicht den geltenden Regeln.',
  },
};

/** The section's words in the page's language. */
export function draftsTerms(code: string): DraftsTerms {
  return code === 'de' ? de : en;
}
