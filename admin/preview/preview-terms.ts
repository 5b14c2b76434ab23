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
      'no administrator could sign in from outside with the second factors it allows.',
  } as Record<string, (names: string[]) => string>,
  unknownsTitle: 'What the preview cannot know',
  showPreview: 'Show the effect',
  previewFirst: 'Save is offered once the effect of the change has been shown.',
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
      'kein Administrator könnte sich mit den erlaubten zweiten Faktoren von außerhalb anmelden.',
  },
  unknownsTitle: 'Was die Vorschau nicht wissen kann',
  showPreview: 'Auswirkung zeigen',
  previewFirst: 'Speichern ist möglich, sobald die Auswirkung der Änderung gezeigt wurde.',
};

export function previewTerms(code: string): PreviewTerms {
  return code === 'de' ? de : en;
}
