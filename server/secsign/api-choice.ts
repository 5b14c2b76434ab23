/**
 * Which of SecSign ID's two APIs the SecSign ID factor uses — `SECSIGN_API=auto|rest|form` — as
 * one {@link SecSignClient}, so the factor does not know there are two (docs/secsign-rest.md):
 * - `form`: the httpapi form protocol, always;
 * - `rest`: REST v2, always; without a PIN account every SecSign ID sign-in fails (closed) and the
 *   status says why;
 * - `auto` (default): asks the ID server's `ServerInfo` (REST, with the PIN account) at start-up
 *   and again after a call failed: REST where it answers, the form protocol where it does not (an
 *   ID server older than 10.7.5) or where no PIN account is stored.
 * A session is always asked about over the API that created it (`AuthSessionRef.api`), whatever
 * was decided since. `status()` says which API is in use and why, for `/readyz`, the start-up log
 * and `ipsafezone secsign status`; `secSignIdExists` answers only over REST (null: the form
 * protocol cannot tell).
 */
import type { Clock } from '../platform/clock.js';
import type { SecSignApiMode } from '../config/settings.js';
import { formatVersion, type SecSignRestClient } from './rest-client.js';
import {
  SecSignError,
  type AuthSession,
  type AuthSessionRef,
  type RequestAuthSessionInput,
  type SecSignApi,
  type SecSignClient,
} from './types.js';

/** Which API is in use, why, the ID server's version when known, and the last successful call. */
export interface SecSignApiStatus {
  mode: SecSignApiMode;
  api: SecSignApi;
  reason: string;
  version: string | null;
  decidedAt: number;
  lastSuccessAt: number | null;
  /** False only when the API in use cannot be spoken at all (SECSIGN_API=rest, no PIN account). */
  usable: boolean;
}

export interface SecSignApiChoice extends SecSignClient {
  /** Decides (again) now; `auto` asks ServerInfo. Concurrent calls share one decision. */
  decide(): Promise<SecSignApiStatus>;
  status(): SecSignApiStatus;
  /** Whether the ID server knows this ID (REST only); null when the form protocol is in use. */
  secSignIdExists(secSignId: string): Promise<boolean | null>;
}

export interface ApiChoiceOptions {
  mode: SecSignApiMode;
  form: SecSignClient;
  /** The REST client, or null when no PIN account is stored for the configured servers. */
  rest: SecSignRestClient | null;
  /** Why there is no REST client (shown as the reason). */
  noRestReason?: string;
  clock: Clock;
  /** Told every new decision and success (main.ts writes it down for the CLI, throttled). */
  onStatus?: (status: SecSignApiStatus) => void;
}

/** Errors after which `auto` asks ServerInfo again: the server, not the person, failed. */
const SERVER_FAILURES: ReadonlySet<string> = new Set(['unreachable', 'protocol', 'server_error']);

export function createApiChoice(options: ApiChoiceOptions): SecSignApiChoice {
  const { mode, form, rest, clock } = options;
  const noRest = options.noRestReason ?? 'no PIN account is stored (ipsafezone secsign account)';
  let current: SecSignApiStatus = {
    mode,
    api: mode === 'rest' ? 'rest' : 'form',
    reason: mode === 'auto' ? 'not decided yet' : `SECSIGN_API=${mode}`,
    version: null,
    decidedAt: clock.now(),
    lastSuccessAt: null,
    usable: mode !== 'rest' || rest !== null,
  };
  let pending: Promise<SecSignApiStatus> | null = null;
  let stale = mode === 'auto';

  const publish = (next: SecSignApiStatus) => {
    current = next;
    options.onStatus?.(current);
    return current;
  };

  async function decideNow(): Promise<SecSignApiStatus> {
    const base = {
      mode,
      decidedAt: clock.now(),
      lastSuccessAt: current.lastSuccessAt,
      usable: mode !== 'rest' || rest !== null,
    };
    if (mode === 'form') return { ...base, api: 'form', reason: 'SECSIGN_API=form', version: null };
    if (!rest) {
      return mode === 'rest'
        ? { ...base, api: 'rest', reason: `SECSIGN_API=rest, but ${noRest}`, version: null }
        : { ...base, api: 'form', reason: `auto: ${noRest}`, version: null };
    }
    try {
      const version = formatVersion(await rest.serverInfo());
      return {
        ...base,
        lastSuccessAt: clock.now(),
        api: 'rest',
        reason: `${mode === 'auto' ? 'auto' : 'SECSIGN_API=rest'}: the ID server answered ServerInfo (version ${version})`,
        version,
      };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (mode === 'rest') {
        return {
          ...base,
          api: 'rest',
          reason: `SECSIGN_API=rest; ServerInfo failed: ${why}`,
          version: null,
        };
      }
      return {
        ...base,
        api: 'form',
        reason: `auto: the ID server did not answer ServerInfo (older than 10.7.5, or REST not reachable): ${why}`,
        version: null,
      };
    }
  }

  function decide(): Promise<SecSignApiStatus> {
    pending ??= decideNow()
      .then(publish)
      .finally(() => {
        pending = null;
        stale = false;
      });
    return pending;
  }

  function clientFor(api: SecSignApi): SecSignClient {
    if (api === 'form') return form;
    if (!rest) throw new SecSignError('unreachable', `SecSign ID over REST: ${noRest}.`);
    return rest;
  }

  /** Runs one call, notes a success, and marks `auto`'s decision stale after a server failure. */
  async function tracked<T>(api: SecSignApi, call: (c: SecSignClient) => Promise<T>): Promise<T> {
    try {
      const result = await call(clientFor(api));
      publish({ ...current, lastSuccessAt: clock.now() });
      return result;
    } catch (err) {
      if (mode === 'auto' && err instanceof SecSignError && SERVER_FAILURES.has(err.code)) {
        stale = true;
      }
      throw err;
    }
  }

  const apiOf = (ref: AuthSessionRef): SecSignApi => ref.api ?? 'form';

  return {
    decide,
    status: () => current,

    async requestAuthSession(input: RequestAuthSessionInput): Promise<AuthSession> {
      const { api } = stale || pending ? await decide() : current;
      const session = await tracked(api, (c) => c.requestAuthSession(input));
      return { ...session, api };
    },
    getAuthSessionState: (ref) => tracked(apiOf(ref), (c) => c.getAuthSessionState(ref)),
    cancelAuthSession: (ref) => tracked(apiOf(ref), (c) => c.cancelAuthSession(ref)),

    async secSignIdExists(secSignId: string): Promise<boolean | null> {
      const { api } = stale || pending ? await decide() : current;
      if (api !== 'rest' || !rest) return null;
      return tracked('rest', () => rest.secSignIdExists(secSignId));
    },
  };
}
