/**
 * The authenticator app's view (a chunk of its own, see index.ts): the code step with a 6-digit
 * code, offered by phones from their authenticator app (`one-time-code`).
 */
import { codeView } from './code-form.js';

export const view = codeView('totp');
