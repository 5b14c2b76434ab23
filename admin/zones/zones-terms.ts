/**
 * The zones section's words, English and German, beside the section: the list, the editor, the
 * range checker's problems (by the zone engine's codes) and the zone API's refusals.
 */
const en = {
  zones: 'Zones',
  zonesIntro: 'Addresses in an enabled zone need only a password. The first matching zone wins.',
  addZone: 'Add a zone',
  name: 'Name',
  ranges: 'Ranges',
  rangesHint: 'One per line: 10.0.0.0 – 10.0.0.255, 10.0.0.0/24 or 10.0.0.7 (IPv6 alike).',
  range: (n: number) => `Range ${n}`,
  addRange: 'Add a range',
  removeRange: (n: number) => `Remove range ${n}`,
  enable: 'Enable',
  disable: 'Disable',
  note: 'Note',
  addresses: (n: string) => (n === '1' ? '1 address' : `${n} addresses`),
  forceLabel: 'Yes, this zone may cover every address (password alone from anywhere)',
  everythingWarn:
    'This range covers every address: anyone anywhere would sign in with a password alone.',
  ownOutsideWarn: (ip: string) =>
    `After this change your own address ${ip} is outside every zone: you would need a second factor to sign in again.`,
  saveAnyway: 'Save anyway',
  rangeProblems: {
    empty: 'Type an address or a range.',
    syntax: 'This is not an address, a range or a CIDR block.',
    legacy_ipv4: 'Write the address as four decimal numbers (e.g. 10.0.0.1).',
    hostname: 'Host names are not allowed, only addresses.',
    zone_id: 'IPv6 zone ids (%eth0) are not allowed.',
    mixed_families: 'Start and end must both be IPv4 or both IPv6.',
    start_above_end: 'The start is above the end.',
    bad_prefix: 'The prefix length is out of range.',
    host_bits_set: 'The address has bits set beyond the prefix (use the network address).',
    everything: 'This covers every address; confirm below to allow it.',
    too_long: 'This is too long.',
  } as Record<string, string>,
  errors: {
    zone_name_taken: 'A zone of this name exists already.',
    invalid_ranges: 'Some ranges are not valid; see the marked lines.',
    no_ranges: 'A zone needs at least one range.',
    too_many_ranges: 'A zone may have at most 1000 ranges.',
  } as Record<string, string>,
};

export type ZonesTerms = typeof en;

const de: ZonesTerms = {
  zones: 'Zonen',
  zonesIntro:
    'Adressen in einer aktiven Zone brauchen nur das Passwort. Die erste passende Zone gilt.',
  addZone: 'Zone hinzufügen',
  name: 'Name',
  ranges: 'Bereiche',
  rangesHint: 'Je Zeile: 10.0.0.0 – 10.0.0.255, 10.0.0.0/24 oder 10.0.0.7 (IPv6 ebenso).',
  range: (n) => `Bereich ${n}`,
  addRange: 'Bereich hinzufügen',
  removeRange: (n) => `Bereich ${n} entfernen`,
  enable: 'Aktivieren',
  disable: 'Deaktivieren',
  note: 'Notiz',
  addresses: (n) => (n === '1' ? '1 Adresse' : `${n} Adressen`),
  forceLabel: 'Ja, diese Zone darf jede Adresse umfassen (überall nur Passwort)',
  everythingWarn:
    'Dieser Bereich umfasst jede Adresse: Jeder könnte sich von überall nur mit dem Passwort anmelden.',
  ownOutsideWarn: (ip) =>
    `Nach dieser Änderung liegt Ihre eigene Adresse ${ip} außerhalb jeder Zone: Sie bräuchten einen zweiten Faktor, um sich wieder anzumelden.`,
  saveAnyway: 'Trotzdem speichern',
  rangeProblems: {
    empty: 'Geben Sie eine Adresse oder einen Bereich ein.',
    syntax: 'Das ist weder eine Adresse noch ein Bereich noch ein CIDR-Block.',
    legacy_ipv4: 'Schreiben Sie die Adresse als vier Dezimalzahlen (z. B. 10.0.0.1).',
    hostname: 'Hostnamen sind nicht erlaubt, nur Adressen.',
    zone_id: 'IPv6-Zonen-IDs (%eth0) sind nicht erlaubt.',
    mixed_families: 'Anfang und Ende müssen beide IPv4 oder beide IPv6 sein.',
    start_above_end: 'Der Anfang liegt über dem Ende.',
    bad_prefix: 'Die Präfixlänge liegt außerhalb des Bereichs.',
    host_bits_set: 'Die Adresse hat Bits jenseits des Präfixes (nehmen Sie die Netzadresse).',
    everything: 'Das umfasst jede Adresse; bestätigen Sie unten, um es zu erlauben.',
    too_long: 'Das ist zu lang.',
  },
  errors: {
    zone_name_taken: 'Eine Zone mit diesem Namen existiert bereits.',
    invalid_ranges: 'Einige Bereiche sind ungültig; siehe die markierten Zeilen.',
    no_ranges: 'Eine Zone braucht mindestens einen Bereich.',
    too_many_ranges: 'Eine Zone darf höchstens 1000 Bereiche haben.',
  },
};

/** The table for a page language code (`de`, else English). */
export const zonesTerms = (code: string): ZonesTerms => (code === 'de' ? de : en);
