/**
 * The authenticator app's view (a chunk of its own, see index.ts): its words, and the code step
 * with a 6-digit code, offered by phones from their authenticator app (`one-time-code`).
 */
import { codeView } from './code-form.js';

export const view = codeView(
  'totp',
  {
    en: {
      name: 'Code from an authenticator app',
      label: 'Code from your authenticator app',
      hint: 'Open your authenticator app and type the 6-digit code it shows for IPSafeZone.',
    },
    de: {
      name: 'Code aus einer Authenticator-App',
      label: 'Code aus Ihrer Authenticator-App',
      hint: 'Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code für IPSafeZone ein.',
    },
  },
  { autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9 ]{6,7}', maxlength: 7 },
);
