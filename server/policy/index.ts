/**
 * The login policy's public API: the one decision every way in uses.
 */
export {
  decideLogin,
  type LoginDecision,
  type LoginMode,
  type LoginPolicyInput,
  type Requirement,
  wireMode,
} from './decide-login.js';
