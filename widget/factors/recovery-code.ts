/**
 * The recovery code's view (a chunk of its own, see index.ts): the code step with one of the
 * user's ten single-use codes; after signing in the element tells how many are left.
 */
import { codeView } from './code-form.js';

export const view = codeView('recovery_code');
