/**
 * The profile page's own words, English and German: the user's data, sessions and the link to the
 * administration. Each card on it (second factors, passkeys, confirm it's you) has its own table.
 */
const en = {
  yourData: 'Your data',
  yourSessions: 'Your sessions',
  signedInWith: 'Signed in with',
  lastSeen: 'Last seen',
  started: 'Started',
  thisSession: 'this session',
  endSession: 'End',
  toAdmin: 'Administration',
};

export type ProfileTerms = typeof en;

const de: ProfileTerms = {
  yourData: 'Ihre Daten',
  yourSessions: 'Ihre Sitzungen',
  signedInWith: 'Angemeldet mit',
  lastSeen: 'Zuletzt aktiv',
  started: 'Begonnen',
  thisSession: 'diese Sitzung',
  endSession: 'Beenden',
  toAdmin: 'Verwaltung',
};

/** The table for a page language code (`de`, else English). */
export const profileTerms = (code: string): ProfileTerms => (code === 'de' ? de : en);
