/**
 * The shapes the backend's login API answers with (docs/api.md), as the widget sees them: the
 * server's own types, imported type-only (they cost the bundle nothing), so the widget and the
 * server cannot drift apart. Kept apart from the client so render functions and events can name
 * them without pulling in fetch code.
 */
import type {
  ApiUser,
  CodeChoiceName,
  FactorAnswers,
  EnrolPrompt,
  FactorChangeJson,
  FactorChoiceName,
  FactorOffer,
  PollAnswer,
  ChallengePending,
  SecondFactorNeeded,
  SignedIn,
  StepAnswer,
  ZoneInfo,
} from '../server/login/api-types.js';
import type { LoginMode } from '../server/policy/decide-login.js';

export type {
  CodeChoiceName,
  FactorAnswers,
  EnrolPrompt,
  FactorChangeJson,
  FactorChoiceName,
  FactorOffer,
  LoginMode,
  SecondFactorNeeded,
  SignedIn,
  ZoneInfo,
};

/** A signed-in user as the backend describes them. */
export type User = ApiUser;

/**
 * A challenge that has begun and waits for the user: the common fields and the display of the
 * factor it names (`factor`), which that factor's view draws (factors/).
 */
export type Pending = ChallengePending;

/** What a login step answers with on success. */
export type StepResult = StepAnswer;

/** What polling the SecSign ID state answers with while no failure happened. */
export type PollResult = PollAnswer;
