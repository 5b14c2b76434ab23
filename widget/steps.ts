/**
 * The step chunk: what the element needs only once the backend has answered — the light-DOM form
 * and its style sheet, the access pass step, the second-factor choices and the code step, the
 * notice of changed sign-in methods after signing in. Loaded
 * (a chunk of the build of its own) together with the first `/api/zone` answer, so the first
 * bundle stays within its size budget; when it cannot load, the element shows "cannot reach the
 * server" and a retry, like any failed start.
 */
export { renderForm } from './render-forms.js';
export { renderPass } from './render-pass.js';
export {
  afterPassword,
  choiceFirst,
  factorForm,
  factorPanel,
  holdPassword,
} from './factor-flow.js';
export { formExtra } from './passkey-button.js';
export { lightStyles } from './light-form.styles.js';
export { renderFactorChanges } from './factor-changes.js';
