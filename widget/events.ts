/**
 * The events `<ipsafezone-login>` fires, one `Event` subclass each (bubbling, composed), declared in
 * `GlobalEventHandlersEventMap` so `el.addEventListener('ipsafezone-success', e => e.detail.user)`
 * type-checks for integrators and tests.
 */
import type { FactorChangeJson, User, ZoneInfo } from './api-types.js';

/** Fired once the `/api/zone` answer is in: where the user stands and which form is shown. */
export class IpsafezoneZoneEvent extends Event {
  constructor(readonly detail: ZoneInfo) {
    super('ipsafezone-zone', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the user is signed in and `/api/session` confirms the browser kept the session
 * cookie. Cancelable: call
 * `preventDefault()` to stop the element from navigating to `return-to`.
 */
export class IpsafezoneSuccessEvent extends Event {
  constructor(readonly detail: { user: User; factorChanges: FactorChangeJson[] }) {
    super('ipsafezone-success', { bubbles: true, composed: true, cancelable: true });
  }
}

/**
 * What went wrong: the API's error `code` (or `network` / `bad_response`, or `session_not_kept`
 * when the browser did not keep the session cookie) and its message.
 */
export interface IpsafezoneErrorDetail {
  code: string;
  message: string;
  /** HTTP status; 0 when the server could not be reached (or the browser refused its cookie). */
  status: number;
  /** The id the server logged the failed request under, for support; empty when it sent none. */
  requestId: string;
}

/** Fired for every error the element shows (wrong password, lock-out, SecSign outcome, network). */
export class IpsafezoneErrorEvent extends Event {
  constructor(readonly detail: IpsafezoneErrorDetail) {
    super('ipsafezone-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ipsafezone-zone': IpsafezoneZoneEvent;
    'ipsafezone-success': IpsafezoneSuccessEvent;
    'ipsafezone-error': IpsafezoneErrorEvent;
  }
}
