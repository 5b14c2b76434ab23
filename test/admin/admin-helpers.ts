/**
 * Small helpers the admin-page browser tests share (not a test file itself): signing in and calling
 * the real backend's API from the test page, opening a section of `<ipsafezone-admin>`, finding
 * buttons by their visible words, typing into fields as a person would (value, then `input`), and
 * waiting for the page with a time limit long enough for a shared two-core machine.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { control, PASSWORD, PhoneState } from '../support/browser-control.js';
import '../../admin/ipsafezone-admin.js';
import '../../admin/ipsafezone-profile.js';

/**
 * Resets the backend (control `reset`) and answers the origin the admin tests talk to: this page's
 * own, which the dev server passes on to the backend — the admin and profile pages call their API
 * same-origin, as in production (the admin API answers no cross-origin request).
 */
export async function resetAdmin(options: Record<string, unknown>): Promise<{ origin: string }> {
  await control('reset', options);
  return { origin: location.origin };
}

/** An API answer: status and parsed JSON body (null when not JSON). */
export interface Answer {
  status: number;
  body: any;
}

/** Calls the backend's API with the browser's cookies; state-changing calls carry a JSON body. */
export async function api(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(origin + path, {
    method,
    credentials: 'include',
    headers:
      method === 'GET'
        ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  let parsed: any = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed };
}

/** Signs in with the fixture password from inside the zone (the browser keeps the cookie). */
export async function signIn(origin: string, username: string): Promise<void> {
  const r = await api(origin, 'POST', '/api/login/password', { username, password: PASSWORD });
  expect(r.status, `password sign-in of ${username}`).to.equal(200);
  expect(r.body.status).to.equal('signed_in');
}

/**
 * Signs in with a SecSign ID alone (mode `2fa`: outside the zone, or IPSafeZone off): starts the
 * login, lets the simulated phone accept, and fetches the result (the browser keeps the cookie).
 */
export async function signInWithSecSign(origin: string, secSignId: string): Promise<void> {
  const pending = await api(origin, 'POST', '/api/login/secsign', { secSignId });
  expect(pending.status, JSON.stringify(pending.body)).to.equal(200);
  expect(pending.body.status).to.equal('secsign_pending');
  await control('phone', { secSignId, state: PhoneState.accepted });
  const done = await api(origin, 'POST', '/api/login/secsign/status', {
    transaction: pending.body.transaction,
  });
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  expect(done.body.status).to.equal('signed_in');
}

/** The id of a fixture user, looked up through the admin API. */
export async function userId(origin: string, username: string): Promise<number> {
  const r = await api(origin, 'GET', `/api/admin/users?q=${encodeURIComponent(username)}`);
  expect(r.status).to.equal(200);
  const u = (r.body.users as { id: number; username: string }[]).find(
    (x) => x.username === username,
  );
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

/** Waits until `get` gives something truthy and returns it (fails after `timeout` ms). */
export async function until<T>(
  get: () => T | null | undefined | false | '',
  message: string,
  timeout = 5_000,
): Promise<T> {
  let value: T | null | undefined | false | '' = null;
  await waitUntil(
    () => {
      value = get();
      return Boolean(value);
    },
    message,
    { timeout, interval: 25 },
  );
  return value as unknown as T;
}

/** The shadow root of a section element inside the admin element. */
export function sectionRoot(el: HTMLElement, tag: string): ShadowRoot | null {
  return el.shadowRoot!.querySelector(tag)?.shadowRoot ?? null;
}

/** Opens `<ipsafezone-admin>` (optionally in a language) and shows one section. */
export async function openAdmin(
  origin: string,
  section: 'overview' | 'settings' | 'zones' | 'users' | 'test' | 'audit' | 'drafts',
  tag: string,
  lang = 'en',
): Promise<{ el: HTMLElement; root: ShadowRoot }> {
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-admin server=${origin} username="alice" lang=${lang}></ipsafezone-admin>`,
  );
  (el.shadowRoot!.querySelector(`[data-section=${section}]`) as HTMLButtonElement).click();
  const root = await until(() => sectionRoot(el, tag), `${tag} shown`);
  return { el, root };
}

/** The button (or link-styled button) whose visible words are exactly `text`, or null. */
export function buttonByText(root: ParentNode, text: string): HTMLButtonElement | null {
  return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null;
}

/** The element matching `selector` under `root`, or a thrown error naming it. */
export function need<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const e = root.querySelector(selector);
  if (!e) throw new Error(`nothing matches ${selector}`);
  return e as E;
}

/** Types into a field as a person does: the value, then an `input` event. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The visible words of an element, whitespace collapsed. */
export function words(e: Node | null | undefined): string {
  return (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The impact preview a policy change shows before its Save (issue 27, admin/preview/preview-gate.ts):
 * waits for the gate under `root` and for its `<ipsz-policy-preview>` to have rendered; answers the
 * gate (its Save and Cancel, the refusal beside Save) and the panel's shadow root (heading, totals,
 * users' table, the refusal alert).
 */
export async function previewGate(
  root: ParentNode,
  what = 'the impact preview',
): Promise<{ gate: HTMLElement; panel: ShadowRoot }> {
  const gate = await until(() => root.querySelector<HTMLElement>('[data-preview-gate]'), what);
  const panel = await until(() => {
    const shadow = gate.querySelector('ipsz-policy-preview')?.shadowRoot;
    return shadow?.querySelector('h3') ? shadow : null;
  }, `${what}: the panel rendered`);
  return { gate, panel };
}
