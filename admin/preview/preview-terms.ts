/**
 * The impact preview's words (issue 27), English and German, beside the panel that shows them:
 * the totals, the users' table, the chart per day, the refusal and what the preview cannot know.
 */
type Change = 'stopped' | 'needs_second_factor' | 'no_longer_needs';

const en = {
  title: 'What this change would have done',
  intro: (days: number, n: number) =>
    `Replayed against the last ${days} days: ${n} sign-ins and forward-auth grants. Nothing is saved yet.`,
  changes: {
    stopped: 'Would be stopped (no second factor they could use)',
    needs_second_factor: 'Would now need a second factor',
    no_longer_needs: 'Would no longer need a second factor',
  } as Record<Change, string>,
  count: (signIns: number, users: number) =>
    `${signIns} ${signIns === 1 ? 'sign-in' : 'sign-ins'}, ${users} ${users === 1 ? 'user' : 'users'}`,
  nothing: 'No sign-in of this period would have been decided differently.',
  usersCaption: (shown: number, total: number) =>
    shown < total ? `Users concerned (${shown} of ${total})` : 'Users concerned',
  user: 'User',
  change: 'Change',
  signIns: 'Sign-ins',
  addresses: 'Addresses',
  zones: 'Zone now → then',
  usable: 'Can use',
  none: 'none',
  outside: 'outside',
  deleted: 'deleted',
  admin: 'administrator',
  chart: 'Sign-ins per day that the change would affect',
  dayBar: (day: string, more: number, less: number) =>
    `${day}: ${more} would need a second factor, ${less} would no longer`,
  refused: 'Saving this change is refused:',
  refusals: {
    admin_locked_out: (names: string[]) =>
      `it would stop the administrator${names.length === 1 ? '' : 's'} ${names.join(', ')}, who ${names.length === 1 ? 'has' : 'have'} no second factor that counts. Set one up for them first.`,
    last_secsign_admin: () =>
      'it would take the way in from the last enabled administrator who can sign in from outside with a second factor that counts there. Give another administrator such a factor first.',
    no_secsign_admin: () =>
      'IPSafeZone can only be activated when at least one enabled administrator can sign in from outside with a second factor that counts there (a SecSign ID, a passkey or an authenticator app); otherwise nobody could.',
  } as Record<string, (names: string[]) => string>,
  unknownsTitle: 'What the preview cannot know',
  gateLabel: 'Before you save: what this change would do',
  saveThis: 'Save this change',
  saveRefused:
    'Save is not possible: an administrator would lose the way in (see above). Nothing was changed.',
};

export type PreviewTerms = typeof en;

const de: PreviewTerms = {
  title: 'Was diese Änderung bewirkt hätte',
  intro: (days: number, n: number) =>
    `Nachgespielt für die letzten ${days} Tage: ${n} Anmeldungen und Forward-Auth-Freigaben. Noch ist nichts gespeichert.`,
  changes: {
    stopped: 'Würden abgewiesen (kein nutzbarer zweiter Faktor)',
    needs_second_factor: 'Bräuchten jetzt einen zweiten Faktor',
    no_longer_needs: 'Bräuchten keinen zweiten Faktor mehr',
  },
  count: (signIns: number, users: number) =>
    `${signIns} ${signIns === 1 ? 'Anmeldung' : 'Anmeldungen'}, ${users} ${users === 1 ? 'Benutzer' : 'Benutzer'}`,
  nothing: 'Keine Anmeldung dieses Zeitraums wäre anders entschieden worden.',
  usersCaption: (shown: number, total: number) =>
    shown < total ? `Betroffene Benutzer (${shown} von ${total})` : 'Betroffene Benutzer',
  user: 'Benutzer',
  change: 'Änderung',
  signIns: 'Anmeldungen',
  addresses: 'Adressen',
  zones: 'Zone jetzt → dann',
  usable: 'Kann nutzen',
  none: 'nichts',
  outside: 'außerhalb',
  deleted: 'gelöscht',
  admin: 'Administrator',
  chart: 'Anmeldungen pro Tag, die die Änderung beträfe',
  dayBar: (day: string, more: number, less: number) =>
    `${day}: ${more} bräuchten einen zweiten Faktor, ${less} nicht mehr`,
  refused: 'Speichern wird abgelehnt:',
  refusals: {
    admin_locked_out: (names: string[]) =>
      `${names.length === 1 ? 'der Administrator' : 'die Administratoren'} ${names.join(', ')} ${names.length === 1 ? 'würde' : 'würden'} abgewiesen – ohne zweiten Faktor, der zählt. Richten Sie zuerst einen ein.`,
    last_secsign_admin: () =>
      'sie nähme dem letzten aktiven Administrator, der sich von außerhalb mit einem dort zählenden zweiten Faktor anmelden kann, diesen Weg. Geben Sie zuerst einem anderen Administrator einen solchen Faktor.',
    no_secsign_admin: () =>
      'IPSafeZone lässt sich erst aktivieren, wenn sich mindestens ein aktiver Administrator von außerhalb mit einem dort zählenden zweiten Faktor anmelden kann (SecSign ID, Passkey oder Authenticator-App); sonst könnte es niemand.',
  },
  unknownsTitle: 'Was die Vorschau nicht wissen kann',
  gateLabel: 'Vor dem Speichern: was diese Änderung bewirken würde',
  saveThis: 'Diese Änderung speichern',
  saveRefused:
    'Speichern ist nicht möglich: Ein Administrator verlöre den Zugang (siehe oben). Es wurde nichts geändert.',
};

export function previewTerms(code: string): PreviewTerms {
  return code === 'de' ? de : en;
}
