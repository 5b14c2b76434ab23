/**
 * The browser side of the browser-test harness: `control(action, body)` asks the dev server's
 * `POST /__control/<action>` to act on the one real backend web-test-runner started (see
 * test/support/browser-backend.ts for every action: `reset`, `settings`, `zone`, `phone`,
 * `session`, `backend`, `outage`). Typical use in a test under test/widget/ or test/admin/:
 *
 * ```ts
 * const { origin } = await control('reset', { inside: false });   // fresh fixture, outside
 * const el = await fixture(html`<ipsafezone-login server=${origin}></ipsafezone-login>`);
 * await control('phone', { secSignId: 'alice.sec', state: 3 });     // the phone accepts
 * ```
 */

/** The fixture users' password (the same for alice, bob, carol and dave). */
export const PASSWORD = 'correct horse battery';

/** SecSign's session states, as `control('phone', { state })` takes them. */
export const PhoneState = {
  expired: 2,
  accepted: 3,
  denied: 4,
  suspended: 5,
  canceled: 6,
  invalid: 8,
} as const;

/**
 * Runs a control action on the node side and returns its JSON answer; throws when the action
 * failed (the answer carried `error`).
 */
export async function control(action: string, body: object = {}): Promise<any> {
  const res = await fetch(`/__control/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok || (answer && typeof answer === 'object' && 'error' in answer)) {
    throw new Error(`control('${action}') failed: ${answer?.error ?? res.status}`);
  }
  return answer;
}
