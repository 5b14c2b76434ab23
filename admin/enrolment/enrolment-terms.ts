/**
 * The enrolment section's words (the campaign, first factors waiting for approval, who has no
 * second factor that counts outside), English and German, beside the section; its refusals too.
 */
const en = {
  enrolment: 'Second-factor enrolment',
  campaign: 'Enrolment campaign',
  campaignOn: 'Every user must have a second factor that counts outside within',
  days: 'Days',
  campaignHint:
    "Each user's days start when the campaign starts or when the user is created, whichever is later. After a password sign-in inside the zone, users without such a factor are asked to set one up; after their deadline they can do nothing else until they have.",
  since: (at: string) => `Running since ${at}.`,
  approval:
    "A first second factor enrolled with the password inside waits for an administrator's approval",
  approvalHint:
    'Otherwise the first factor is trusted on first use: whoever knows the password in the office can set it up. Either way it is audited.',
  waiting: (n: number) => `Waiting for approval (${n})`,
  noneWaiting: 'No first factor waits for approval.',
  user: 'User',
  factor: 'Factor',
  from: 'From address',
  asked: 'Asked',
  actions: 'Decision',
  approve: 'Approve',
  reject: 'Reject',
  approved: 'Approved.',
  rejected: 'Rejected.',
  without: (n: number) => `Users without a second factor that counts outside (${n})`,
  off: 'The campaign is off.',
  noneWithout: 'Every user has one.',
  clockSince: 'Since',
  deadline: 'Deadline',
  daysLeft: 'Days left',
  overdue: 'overdue',
  waitingMark: 'waiting for approval',
  factors: { totp: 'Authenticator app', passkey: 'Passkey', secsign: 'SecSign ID' } as Record<
    string,
    string
  >,
  errors: {
    invalid_days: 'Give the number of days as a whole number from 1 to 3650.',
    approval_decided: 'Another administrator decided this request already.',
  } as Record<string, string>,
};

export type EnrolmentTerms = typeof en;

const de: EnrolmentTerms = {
  enrolment: 'Einrichtung zweiter Faktoren',
  campaign: 'Einrichtungskampagne',
  campaignOn:
    'Jeder Benutzer muss einen zweiten Faktor, der außerhalb zählt, einrichten innerhalb von',
  days: 'Tage',
  campaignHint:
    'Die Tage jedes Benutzers beginnen mit dem Start der Kampagne oder mit seiner Anlage, je nachdem, was später ist. Nach einer Anmeldung mit Passwort innerhalb der Zone werden Benutzer ohne einen solchen Faktor gebeten, einen einzurichten; nach ihrer Frist können sie nichts anderes mehr tun, bis sie einen haben.',
  since: (at) => `Läuft seit ${at}.`,
  approval:
    'Ein erster zweiter Faktor, der innerhalb mit dem Passwort eingerichtet wird, wartet auf die Freigabe durch einen Administrator',
  approvalHint:
    'Sonst gilt der erste Faktor beim ersten Einrichten als vertrauenswürdig: Wer im Büro das Passwort kennt, kann ihn einrichten. So oder so wird es protokolliert.',
  waiting: (n) => `Wartet auf Freigabe (${n})`,
  noneWaiting: 'Kein erster Faktor wartet auf Freigabe.',
  user: 'Benutzer',
  factor: 'Faktor',
  from: 'Von Adresse',
  asked: 'Angefragt',
  actions: 'Entscheidung',
  approve: 'Freigeben',
  reject: 'Ablehnen',
  approved: 'Freigegeben.',
  rejected: 'Abgelehnt.',
  without: (n) => `Benutzer ohne zweiten Faktor, der außerhalb zählt (${n})`,
  off: 'Die Kampagne ist aus.',
  noneWithout: 'Jeder Benutzer hat einen.',
  clockSince: 'Seit',
  deadline: 'Frist',
  daysLeft: 'Tage übrig',
  overdue: 'überfällig',
  waitingMark: 'wartet auf Freigabe',
  factors: { totp: 'Authenticator-App', passkey: 'Passkey', secsign: 'SecSign ID' },
  errors: {
    invalid_days: 'Geben Sie die Zahl der Tage als ganze Zahl von 1 bis 3650 an.',
    approval_decided: 'Ein anderer Administrator hat diese Anfrage schon entschieden.',
  },
};

/** The table for a page language code (`de`, else English). */
export const enrolmentTerms = (code: string): EnrolmentTerms => (code === 'de' ? de : en);
