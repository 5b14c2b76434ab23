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
export {
  shapeOf,
  authorizationKind,
  bodyKind,
  BODY_PASSWORD_DOORS,
  type AuthorizationKind,
  type BodyKind,
  type DoorName,
  type ProxiedRequestInput,
  type RequestShape,
  type UriProblem,
} from './proxied-request.js';
export {
  decideGuard,
  type GuardInput,
  type GuardPass,
  type GuardRefusal,
  type GuardVerdict,
} from './guard-rule.js';
export { proofCounts } from './proof-counts.js';
export * from './replay.js';
