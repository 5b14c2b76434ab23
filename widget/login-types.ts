/**
 * The words of `<ipsafezone-login>`'s state machine (login-machine.ts): its state, the events that
 * move it and the effects it asks for, all plain data. A file of its own so the machine, the Lit
 * controller that runs the effects (login-controller.ts), the element and the factor views can name
 * them without importing each other.
 */
import type {
  CodeChoiceName,
  EnrolPrompt,
  FactorAnswers,
  FactorChangeJson,
  FactorChoiceName,
  FactorOffer,
  Pending,
  PollResult,
  StepResult,
  User,
  ZoneInfo,
} from './api-types.js';

/** The factors answered with a typed code (checked at once, no waiting): the server's facts say which. */
export type CodeFactor = CodeChoiceName;

/**
 * The factors answered with a ceremony in the browser (a passkey): the view's `signIn` runs it
 * against the factor's own routes. The server's facts say which, as for codes.
 */
export type CeremonyFactor = {
  [N in FactorChoiceName]: FactorAnswers[N] extends 'ceremony' ? N : never;
}[FactorChoiceName];

/** A failed call as the machine sees it; the API client's `ApiError` is one. */
export interface LoginError {
  /** HTTP status; 0 when nothing answered. */
  status: number;
  /** The API's error code, or `network` / `bad_response` / `session_not_kept`. */
  code: string;
  message: string;
  retryAfterSeconds: number;
  requestId: string;
}

/** The step shown, with what it needs. */
export type Step =
  | { kind: 'loading' | 'unreachable' | 'password' | 'secsign-id' | 'outcome' }
  | { kind: 'pending'; pending: Pending }
  /** "Use another way": `transaction` is null before the password (mode `2fa`). */
  | { kind: 'choose'; transaction: string | null; factors: FactorOffer[] }
  /** A code: `transaction` null in mode `2fa`, where the code goes with the held password. */
  | { kind: 'code'; transaction: string | null; factor: CodeFactor; factors: FactorOffer[] }
  /** Signed in, and asked to set up a second factor (the enrolment campaign). */
  | { kind: 'enrol'; user: User; enrol: EnrolPrompt; changes: FactorChangeJson[] }
  /** Signed in; `go` is where "Continue" leads (null: stay). */
  | { kind: 'signed-in'; user: User; changes: FactorChangeJson[]; go: string | null };

/** Which step the element shows; also reflected as the host's `data-step` attribute. */
export type LoginStep = Step['kind'];

/** The forms whose first field "remember me" keeps. */
export type FormKind = 'password' | 'secsign-id';

/** What the live region says, as data: the element words it in the page's language. */
export type Notice =
  | { kind: 'error'; error: LoginError }
  | { kind: 'choose' | 'still-trying' | 'canceled' }
  | { kind: 'code'; factor: CodeFactor }
  | { kind: 'signed-in'; name: string; recoveryLeft?: number | undefined };

/** Everything the element remembers between events. */
export interface LoginState {
  step: Step;
  zone: ZoneInfo | null;
  notice: Notice | null;
  /** A request runs: submitting is off. */
  busy: boolean;
  /** A lock-out belongs to the name that was locked, not to the tab. */
  lock: { name: string; until: number };
  /** The first field as typed now; `null` until the user types in a new form. */
  typed: string | null;
  /** The name last submitted (prefills the next form). */
  lastUsername: string;
  /** "Remember me" as ticked. */
  remember: boolean;
  /** The names "remember me" kept on this device, per form. */
  remembered: Record<FormKind, string | null>;
  showPassword: boolean;
  /**
   * Each ceremony factor (the server's facts say which): whether its chunk is in and this browser
   * can run it (`usable()`). Until then it is not offered.
   */
  ceremonies: Readonly<Record<CeremonyFactor, boolean>>;
  /** Mode `2fa`: the code factor chosen before the password. */
  wanted: CodeFactor | null;
  /** Mode `2fa`: the password typed, sent only together with the code (never checked alone). */
  held: { username: string; password: string } | null;
  /** Signed in by the server, waiting for `/api/session` to show the cookie was kept. */
  signingIn: { user: User; recoveryLeft: number | undefined; enrol?: EnrolPrompt } | null;
  /** Number of the latest request; answers to older ones are dropped. */
  req: number;
}

/** A login step the controller sends to the server. */
export type LoginRequest =
  | {
      op: 'password';
      username: string;
      password: string;
      second?: { factor: CodeFactor; code: string };
    }
  | { op: 'secsign'; id: string }
  | { op: 'code'; transaction: string; factor: CodeFactor; code: string }
  /** Send the chosen factor's code out of band (an e-mail code); answered `code_sent`. */
  | { op: 'send'; transaction: string; factor: CodeFactor }
  /** A ceremony in the browser (the factor's view's `signIn`); `transaction`: the password's. */
  | { op: 'ceremony'; factor: CeremonyFactor; transaction: string | null; username: string };

/** What the machine asks the controller to do. */
export type Effect =
  /** Ask `/api/zone` (or take the page's hint), load the words and the step chunk; answer `zone`. */
  | { type: 'fetch-zone'; req: number }
  /** Run a login step; answer `answer` or `failed`. */
  | { type: 'request'; req: number; request: LoginRequest }
  /** After `after` ms ask the SecSign ID state; answer `polled` or `poll-failed`. */
  | { type: 'poll'; req: number; transaction: string; after: number }
  /** Ask `/api/session` whether the cookie was kept; answer `session`. */
  | { type: 'session'; req: number }
  /** Give up the SecSign ID request (fire and forget). */
  | { type: 'cancel'; transaction: string }
  /** Drop the running request and the poll timer. */
  | { type: 'abort' }
  /** Stop the poll timer (a running request finishes; its answer is then dropped). */
  | { type: 'stop-poll' }
  /** Load these ceremony factors' chunks; answer `ceremonies` with those this browser can run. */
  | { type: 'load-ceremonies'; factors: CeremonyFactor[] }
  | { type: 'zone-event'; zone: ZoneInfo }
  | { type: 'error-event'; error: LoginError }
  /** Fire `ipsafezone-success`; answer `success-shown` with where to go. */
  | { type: 'success-event'; user: User; changes: FactorChangeJson[] }
  /** Keep (or, `null`, forget) the name of a form on this device. */
  | { type: 'remember'; form: FormKind; name: string | null }
  | { type: 'navigate'; url: string }
  | { type: 'clear-field'; name: 'password' | 'code' }
  /** Focus the first field or button of the step shown. */
  | { type: 'focus' };

/** What happens to the machine: the user's actions and the controller's answers. */
export type LoginEvent =
  | { type: 'load'; keep?: Notice | null }
  | {
      type: 'zone';
      req: number;
      zone: ZoneInfo;
      remembered: Record<FormKind, string | null>;
      /** The ceremony factors loaded with the zone answer that this browser can run. */
      ceremonies: CeremonyFactor[];
    }
  | { type: 'zone-failed'; req: number; error: LoginError }
  | { type: 'input'; value: string }
  | { type: 'show-password'; on: boolean }
  | { type: 'submit-password'; username: string; password: string; remember: boolean }
  | { type: 'submit-secsign'; id: string; remember: boolean }
  | { type: 'submit-code'; code: string }
  /** A ceremony's own button under the SecSign ID form ("Sign in with a passkey"): no user name. */
  | { type: 'ceremony'; factor: CeremonyFactor }
  | { type: 'choose'; factor: FactorChoiceName }
  | { type: 'another-way' }
  | { type: 'cancel' }
  | { type: 'send-new' }
  | { type: 'continue' }
  /** The enrolment prompt: "Set it up now" (to the profile) or "Later" (only before the deadline). */
  | { type: 'enrol-now' }
  | { type: 'enrol-later' }
  /** The element was put back on the page: resume what disconnecting stopped. */
  | { type: 'resume' }
  /** Of the ceremony factors loaded (`load-ceremonies`), those this browser can run. */
  | { type: 'ceremonies'; usable: CeremonyFactor[] }
  | { type: 'answer'; req: number; result: StepResult }
  | { type: 'failed'; req: number; error: LoginError }
  | { type: 'polled'; req: number; result: PollResult }
  /** `serverNow`: the page's clock moved to the server's (the countdown's clock). */
  | { type: 'poll-failed'; req: number; error: LoginError; serverNow: number }
  | { type: 'session'; req: number; kept: boolean; changes: FactorChangeJson[] }
  | { type: 'success-shown'; go: string | null };
