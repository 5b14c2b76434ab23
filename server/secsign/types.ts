/**
 * SecSign ID as the rest of the server sees it: an interface with the three requests of an auth
 * session, the auth-session states and the errors. `createHttpApiClient` speaks the httpapi form
 * protocol, `createRestClient` REST v2 (to SecSign's servers, an on-premise ID server, or the
 * demo's simulator), and `createApiChoice` picks between them. There is no "release": SecSign's ID server no longer supports
 * ReqReleaseAuthSession (SecSign's JS SDK commit 27e4a02, 2019).
 */
import type { SecSignApi } from '../store/secsign-accounts.js';

export const AuthSessionState = {
  NOSTATE: 0,
  PENDING: 1,
  EXPIRED: 2,
  AUTHENTICATED: 3,
  DENIED: 4,
  SUSPENDED: 5,
  CANCELED: 6,
  FETCHED: 7,
  INVALID: 8,
} as const;
export type AuthSessionState = (typeof AuthSessionState)[keyof typeof AuthSessionState];

/**
 * Identifies one auth session on the ID server. `authSessionId` (a 64-bit integer in SecSign's
 * samples) and `requestId` are kept exactly as the ID server sent them, as strings.
 */
export interface AuthSessionRef {
  secSignId: string;
  authSessionId: string;
  /** The httpapi's `requestid`; empty over REST v2, which names a session by its id alone. */
  requestId: string;
  /** Which API created the session (and must be asked about it); absent means the form protocol. */
  api?: SecSignApi;
}

// SecSign ID's two APIs (form, REST v2): the type lives with the stored decision, a floor below.
export type { SecSignApi };

export interface AuthSession extends AuthSessionRef {
  serviceName: string;
  serviceAddress: string;
  /** Base64 PNG of the access pass symbol (empty when the access pass is not shown). */
  accessPassIcon: string;
  state: AuthSessionState;
}

export interface RequestAuthSessionInput {
  secSignId: string;
  serviceName: string;
  serviceAddress: string;
  showAccessPass: boolean;
}

export interface SecSignClient {
  requestAuthSession(input: RequestAuthSessionInput): Promise<AuthSession>;
  getAuthSessionState(ref: AuthSessionRef): Promise<AuthSessionState>;
  cancelAuthSession(ref: AuthSessionRef): Promise<AuthSessionState>;
}

export type SecSignErrorCode =
  | 'invalid_id' // characters SecSign IDs do not have: not sent
  | 'no_such_id' // errorcode 20000 or "does not exist"
  | 'id_frozen' // errorcode 20006: concurrent login requests
  | 'unreachable' // neither server answered in time
  | 'protocol' // an answer we could not read
  | 'server_error'; // any other error the ID server reported

export class SecSignError extends Error {
  constructor(
    readonly code: SecSignErrorCode,
    message: string,
    /** SecSign's own `errorcode`, when it sent one. */
    readonly secSignErrorCode?: string,
  ) {
    super(message);
    this.name = 'SecSignError';
  }
}
