/**
 * The audit log section's own words, English and German: its columns and its filters (which the
 * overview shares). What each action and outcome code means is `audit-terms.ts`.
 */
const en = {
  audit: 'Audit log',
  from: 'From',
  to: 'To',
  outcome: 'Outcome',
  action: 'Action',
  time: 'Time',
  actor: 'By',
  user: 'User',
  zone: 'Zone',
  filter: 'Filter',
  exportCsv: 'Export CSV',
  any: 'Any',
  hideRoutine: 'Hide routine entries (zone look-ups, proxy checks)',
  stampFormat: 'YYYY-MM-DD HH:MM',
  stampInvalid: 'Write the time as YYYY-MM-DD HH:MM.',
};

export type AuditLogTerms = typeof en;

const de: AuditLogTerms = {
  audit: 'Protokoll',
  from: 'Von',
  to: 'Bis',
  outcome: 'Ergebnis',
  action: 'Aktion',
  time: 'Zeit',
  actor: 'Durch',
  user: 'Benutzer',
  zone: 'Zone',
  filter: 'Filtern',
  exportCsv: 'Als CSV exportieren',
  any: 'Alle',
  hideRoutine: 'Routine-Einträge ausblenden (Zonenabfragen, Proxy-Prüfungen)',
  stampFormat: 'JJJJ-MM-TT HH:MM',
  stampInvalid: 'Schreiben Sie die Zeit als JJJJ-MM-TT HH:MM.',
};

/** The table for a page language code (`de`, else English). */
export const auditLogTerms = (code: string): AuditLogTerms => (code === 'de' ? de : en);
