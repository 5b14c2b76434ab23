/**
 * The recovery code's view (a chunk of its own, see index.ts): its words, and the code step with
 * one of the user's ten single-use codes; after signing in the element tells how many are left.
 */
import { codeView } from './code-form.js';

export const view = codeView('recovery_code', {
  en: {
    name: 'Recovery code',
    label: 'Recovery code',
    hint: 'Type one of the recovery codes you saved. Each code works once.',
    left: (n) =>
      n === 0
        ? 'That was your last recovery code: create new ones on your profile page.'
        : `Recovery codes left: ${n}. Enrol a new second factor on your profile page soon.`,
  },
  de: {
    name: 'Wiederherstellungscode',
    label: 'Wiederherstellungscode',
    hint: 'Geben Sie einen Ihrer gespeicherten Wiederherstellungscodes ein. Jeder Code gilt einmal.',
    left: (n) =>
      n === 0
        ? 'Das war Ihr letzter Wiederherstellungscode: Erstellen Sie auf Ihrer Profilseite neue.'
        : `Verbleibende Wiederherstellungscodes: ${n}. Richten Sie bald auf Ihrer Profilseite einen neuen zweiten Faktor ein.`,
  },
});
