/**
 * The widget's English words: a chunk of the build of its own, like `terms-de.ts`, loaded by
 * `loadTerms` (terms.ts) together with the first `/api/zone` answer, so the first bundle carries
 * only the words a failing start needs.
 */
import type { Terms } from './terms-type.js';

export const en: Terms = {
  code: 'en',
  loading: 'Checking where you are…',
  inside: (zone) => `You are on the company network (${zone}).`,
  outside: (ip) =>
    ip ? `You are outside the company network (${ip}).` : 'You are outside the company network.',
  modePassword: 'Sign in with your password.',
  mode2fa: 'Confirm with your SecSign ID.',
  mode2sa: 'Sign in with your password, then confirm with a second factor.',
  username: 'Username',
  password: 'Password',
  secSignId: 'SecSign ID',
  signIn: 'Sign in',
  next: 'Continue',
  showPassword: 'Show password',
  remember: 'Remember me on this device',
  help: 'Can’t sign in?',
  forgot: 'Forgot password?',
  passAlt: 'Access pass symbol',
  passHint: (id) => `Open the SecSign ID app for ${id} and pick the symbol shown here.`,
  confirmHint: (id) => `Open the SecSign ID app for ${id} and confirm the login.`,
  waiting: (left) => `Waiting for your confirmation: ${left} left`,
  openApp: 'Open the SecSign ID app',
  cancel: 'Cancel',
  sendNew: 'Send a new request',
  startAgain: 'Start again',
  retry: 'Try again',
  canceled: 'Sign-in cancelled.',
  signedIn: (name) => `Signed in as ${name}.`,
  stillTrying: 'The server does not answer; still trying…',
  lockedOut: (m) => `Too many attempts. Try again in ${m} min.`,
  reference: (id) => `Reference: ${id}`,
  anotherWay: 'Use another way',
  chooseHint: 'Choose how to confirm that it is you.',
  confirm: 'Confirm',
  errors: {
    passkey_refused: 'This passkey could not be verified. Please try again.',
    passkey_user_verification:
      'Your passkey must confirm it is you (PIN, fingerprint or face). Please try again.',
    passkey_canceled: 'No passkey was used. Try again, or sign in another way.',
    passkey_not_enough: 'From where you are, sign in with your password first.',
    network: 'Cannot reach the sign-in server, and there is no other way in. Please try again.',
    invalid_credentials: 'Wrong username or password.',
    invalid_input: 'Please fill in every field.',
    user_disabled: 'This account is disabled.',
    no_secsign_id: 'You have no SecSign ID yet. Ask an administrator to assign one.',
    invalid_password_or_code: 'The username, password or code is wrong.',
    invalid_code: 'That code is not right, or it was used already.',
    factor_not_allowed: 'This way does not count from where you are. Use another way.',
    factor_unavailable: 'This way cannot be checked right now. Use another way.',
    no_account:
      'This SecSign ID is not assigned to any account here. Ask an administrator to assign it.',
    secsign_no_such_id:
      'This SecSign ID does not exist. Enter your SecSign ID, not your username; if you have none, an administrator must assign one to you.',
    secsign_id_frozen:
      'Your SecSign ID is frozen after several requests at once: tap it in the SecSign ID app to reactivate it, then try again.',
    secsign_unreachable: 'The SecSign ID server does not answer. Please try again.',
    secsign_error: 'The SecSign ID server answered with an error. Please try again.',
    service_unavailable: 'Sign-in is unavailable right now. Please try again.',
    forbidden_origin:
      'This page is not allowed to use the sign-in server: its address is not on the server’s list of allowed origins. Tell your administrator.',
    session_not_kept:
      'The sign-in worked, but this browser did not keep the session: this page and the sign-in server are on different sites, so the cookie was blocked. Tell your administrator.',
    wrong_step: 'Your network changed. Please sign in again.',
    secsign_expired: 'The request timed out.',
    secsign_denied: 'The request was denied in the app (or another symbol was picked).',
    secsign_suspended: 'A newer sign-in request replaced this one.',
    secsign_canceled: 'The request was cancelled.',
    secsign_invalid: 'The SecSign ID server rejected the request.',
    transaction_invalid: 'This sign-in request is no longer valid.',
    address_changed: 'Your network address changed. Please start again.',
  },
};
