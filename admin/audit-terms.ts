/**
 * The audit log's vocabulary in the page's language: what each action and outcome code means, for
 * the audit log, its filters and the overview. A code missing here is shown as it is.
 */

/** Words for the codes the server writes (server/login/, server/admin-api/, server/domain/, server/oidc/). */
export interface AuditWords {
  actions: Record<string, string>;
  outcomes: Record<string, string>;
}

const en: AuditWords = {
  actions: {
    'login.zone': 'Zone looked up',
    'login.password': 'Password step',
    'login.secsign': 'SecSign ID step',
    'login.success': 'Signed in',
    'login.failure': 'Sign-in failed',
    logout: 'Signed out',
    verify: 'Access check (proxy)',
    'settings.update': 'Settings changed',
    'user.create': 'User created',
    'user.update': 'User changed',
    'user.delete': 'User deleted',
    'user.password': 'Password set',
    'user.secsign_id.set': 'SecSign ID assigned',
    'user.secsign_id.clear': 'SecSign ID removed',
    'user.sessions.revoke': 'Sessions ended',
    'zone.create': 'Zone created',
    'zone.update': 'Zone changed',
    'zone.delete': 'Zone deleted',
    'oidc.authorize': 'OpenID Connect sign-in',
    'oidc.token': 'OpenID Connect token',
    'oidc.logout': 'OpenID Connect sign-out',
    'oidc.client.add': 'OpenID Connect client added',
    'oidc.client.rotate_secret': 'OpenID Connect client secret replaced',
    'oidc.client.remove': 'OpenID Connect client removed',
    'oidc.keys.rotate': 'OpenID Connect signing keys rotated',
    'oidc.keys.reset': 'OpenID Connect signing keys deleted',
  },
  outcomes: {
    ok: 'OK',
    changed: 'Changed',
    signed_in: 'Signed in',
    logged_out: 'Signed out',
    password_ok: 'Password right',
    secsign_pending: 'Waiting for the phone',
    invalid_credentials: 'Wrong user name or password',
    locked: 'Locked out',
    user_disabled: 'Account disabled',
    no_secsign_id: 'No SecSign ID',
    no_account: 'SecSign ID of no account',
    password_not_used: 'Password not allowed here',
    wrong_step: 'Wrong step',
    address_changed: 'Address changed',
    canceled_by_user: 'Cancelled by the user',
    answered: 'Answered',
    secsign_expired: 'Request expired',
    secsign_denied: 'Denied on the phone',
    secsign_suspended: 'Replaced by a newer request',
    secsign_canceled: 'Cancelled',
    secsign_invalid: 'Rejected by the ID server',
    secsign_no_such_id: 'Unknown SecSign ID',
    secsign_id_frozen: 'SecSign ID frozen',
    secsign_unreachable: 'ID server unreachable',
    secsign_error: 'ID server error',
    allowed: 'Allowed',
    not_signed_in: 'Not signed in',
    second_factor_required: 'Second factor needed',
    granted: 'Granted',
    sign_in_needed: 'Sign-in needed',
    refused: 'Refused',
    issued: 'Issued',
    signed_out: 'Signed out',
    no_session: 'No session to end',
    stayed_signed_in: 'Stayed signed in',
  },
};

const de: AuditWords = {
  actions: {
    'login.zone': 'Zone abgefragt',
    'login.password': 'Passwort-Schritt',
    'login.secsign': 'SecSign-ID-Schritt',
    'login.success': 'Angemeldet',
    'login.failure': 'Anmeldung gescheitert',
    logout: 'Abgemeldet',
    verify: 'Zugriffsprüfung (Proxy)',
    'settings.update': 'Einstellungen geändert',
    'user.create': 'Benutzer angelegt',
    'user.update': 'Benutzer geändert',
    'user.delete': 'Benutzer gelöscht',
    'user.password': 'Passwort gesetzt',
    'user.secsign_id.set': 'SecSign ID zugewiesen',
    'user.secsign_id.clear': 'SecSign ID entfernt',
    'user.sessions.revoke': 'Sitzungen beendet',
    'zone.create': 'Zone angelegt',
    'zone.update': 'Zone geändert',
    'zone.delete': 'Zone gelöscht',
    'oidc.authorize': 'OpenID-Connect-Anmeldung',
    'oidc.token': 'OpenID-Connect-Token',
    'oidc.logout': 'OpenID-Connect-Abmeldung',
    'oidc.client.add': 'OpenID-Connect-Client hinzugefügt',
    'oidc.client.rotate_secret': 'Geheimnis des OpenID-Connect-Clients ersetzt',
    'oidc.client.remove': 'OpenID-Connect-Client entfernt',
    'oidc.keys.rotate': 'OpenID-Connect-Signaturschlüssel erneuert',
    'oidc.keys.reset': 'OpenID-Connect-Signaturschlüssel gelöscht',
  },
  outcomes: {
    ok: 'OK',
    changed: 'Geändert',
    signed_in: 'Angemeldet',
    logged_out: 'Abgemeldet',
    password_ok: 'Passwort richtig',
    secsign_pending: 'Warten auf das Telefon',
    invalid_credentials: 'Benutzername oder Passwort falsch',
    locked: 'Gesperrt',
    user_disabled: 'Konto deaktiviert',
    no_secsign_id: 'Keine SecSign ID',
    no_account: 'SecSign ID ohne Konto',
    password_not_used: 'Passwort hier nicht erlaubt',
    wrong_step: 'Falscher Schritt',
    address_changed: 'Adresse geändert',
    canceled_by_user: 'Vom Benutzer abgebrochen',
    answered: 'Beantwortet',
    secsign_expired: 'Anfrage abgelaufen',
    secsign_denied: 'Am Telefon abgelehnt',
    secsign_suspended: 'Durch neuere Anfrage ersetzt',
    secsign_canceled: 'Abgebrochen',
    secsign_invalid: 'Vom ID-Server abgelehnt',
    secsign_no_such_id: 'Unbekannte SecSign ID',
    secsign_id_frozen: 'SecSign ID eingefroren',
    secsign_unreachable: 'ID-Server nicht erreichbar',
    secsign_error: 'Fehler des ID-Servers',
    allowed: 'Erlaubt',
    not_signed_in: 'Nicht angemeldet',
    second_factor_required: 'Zweiter Faktor nötig',
    granted: 'Gewährt',
    sign_in_needed: 'Anmeldung nötig',
    refused: 'Abgelehnt',
    issued: 'Ausgestellt',
    signed_out: 'Abgemeldet',
    no_session: 'Keine Sitzung zu beenden',
    stayed_signed_in: 'Angemeldet geblieben',
  },
};

/** The audit words for a page language code (`de` or `en`). */
export const auditWords = (code: string): AuditWords => (code === 'de' ? de : en);

/** An action code in words, or the code itself when it has none. */
export const actionText = (code: string, action: string): string =>
  auditWords(code).actions[action] ?? action;

/** An outcome code in words, or the code itself when it has none. */
export const outcomeText = (code: string, outcome: string): string =>
  auditWords(code).outcomes[outcome] ?? outcome;
