/**
 * The OpenID Connect section's words, English and German, beside the section: the issuer, the
 * clients, adding one, a new secret shown once, removing one.
 */
const WORDS = {
  en: {
    title: 'OpenID Connect',
    intro:
      'Applications such as Jira and Confluence Data Center sign users in through ipsafezone with OpenID Connect (Administration → Authentication methods).',
    issuer: 'Issuer URL',
    off: 'OpenID Connect is off: set IPSAFEZONE_SECRET_KEY on the server and restart it.',
    add: 'Add a client',
    clientId: 'Client ID',
    name: 'Name',
    redirectUris: 'Redirect URIs (one per line)',
    redirectHint: 'Jira and Confluence: <base URL>/plugins/servlet/oidc/callback',
    public: 'Public client (no secret; PKCE required)',
    type: 'Type',
    confidential: 'confidential',
    publicType: 'public',
    save: 'Add',
    cancel: 'Cancel',
    rotate: 'New secret',
    remove: 'Remove',
    confirmRemove: (id: string) =>
      `Remove "${id}"? The application can no longer sign anyone in, and its tokens stop working.`,
    yesRemove: 'Yes, remove',
    secretOnce: (id: string) =>
      `Client secret of "${id}" — copy it into the application now; it is not shown again:`,
    none: 'No clients yet.',
    added: 'Client added.',
    removed: 'Client removed.',
    rotated: 'New secret made; the old one no longer works.',
  },
  de: {
    title: 'OpenID Connect',
    intro:
      'Anwendungen wie Jira und Confluence Data Center melden Benutzer per OpenID Connect über ipsafezone an (Administration → Authentifizierungsmethoden).',
    issuer: 'Aussteller-URL (Issuer)',
    off: 'OpenID Connect ist aus: IPSAFEZONE_SECRET_KEY auf dem Server setzen und neu starten.',
    add: 'Client hinzufügen',
    clientId: 'Client-ID',
    name: 'Name',
    redirectUris: 'Weiterleitungs-URIs (eine pro Zeile)',
    redirectHint: 'Jira und Confluence: <Basis-URL>/plugins/servlet/oidc/callback',
    public: 'Öffentlicher Client (ohne Secret; PKCE nötig)',
    type: 'Art',
    confidential: 'vertraulich',
    publicType: 'öffentlich',
    save: 'Hinzufügen',
    cancel: 'Abbrechen',
    rotate: 'Neues Secret',
    remove: 'Entfernen',
    confirmRemove: (id: string) =>
      `„${id}“ entfernen? Die Anwendung kann dann niemanden mehr anmelden, ihre Tokens verfallen.`,
    yesRemove: 'Ja, entfernen',
    secretOnce: (id: string) =>
      `Client-Secret von „${id}“ – jetzt in die Anwendung kopieren; es wird nicht noch einmal gezeigt:`,
    none: 'Noch keine Clients.',
    added: 'Client hinzugefügt.',
    removed: 'Client entfernt.',
    rotated: 'Neues Secret erzeugt; das alte gilt nicht mehr.',
  },
} as const;

/** The section's words for a page language code (`de`, else English). */
export const oidcTerms = (code: string) => WORDS[code === 'de' ? 'de' : 'en'];
