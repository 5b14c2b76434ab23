/**
 * What the `<ipsafezone-login>` browser tests share: mounting the element against the real
 * backend, reading what it shows (light-DOM form, shadow panels, the live region), waiting for a
 * step, typing with the real keyboard, and collecting its events. Works for the element defined
 * from source and from the built bundle alike (it only uses the public surface and the DOM).
 */
import { fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LoginStep } from '../../widget/ipsafezone-login.component.js';

/** The element as the tests see it (public surface only, so the bundle's class fits too). */
export type LoginElement = HTMLElement & {
  server: string;
  returnTo: string;
  username: string;
  lang: string;
  deepLink: string;
  readonly step: LoginStep;
  reload(): void;
  updateComplete: Promise<boolean>;
};

/** Options for {@link mount}: the element's attributes. */
export interface MountOptions {
  server: string;
  returnTo?: string;
  lang?: string;
  username?: string;
  deepLink?: string;
  /** Wrap the element in a `<div lang=…>` (the language comes from up the tree). */
  parentLang?: string;
}

/**
 * Puts an element on the page (open-wc `fixture`, removed after each test), with listeners that
 * record every event and cancel `ipsafezone-success` unless `cancelSuccess: false` — so the page
 * never navigates away from the test.
 */
export async function mount(
  options: MountOptions,
  { cancelSuccess = true } = {},
): Promise<{ el: LoginElement; events: Recorded[] }> {
  const el = document.createElement('ipsafezone-login') as LoginElement;
  const events: Recorded[] = [];
  for (const type of ['ipsafezone-zone', 'ipsafezone-success', 'ipsafezone-error'] as const) {
    el.addEventListener(type, (e) => {
      if (type === 'ipsafezone-success' && cancelSuccess) e.preventDefault();
      events.push({ type, detail: (e as CustomEvent).detail, cancelable: e.cancelable });
    });
  }
  if (options.returnTo !== undefined) el.setAttribute('return-to', options.returnTo);
  if (options.lang !== undefined) el.setAttribute('lang', options.lang);
  if (options.username !== undefined) el.setAttribute('username', options.username);
  if (options.deepLink !== undefined) el.setAttribute('deep-link', options.deepLink);
  el.setAttribute('server', options.server);
  if (options.parentLang) {
    const wrap = document.createElement('div');
    wrap.lang = options.parentLang;
    wrap.append(el);
    await fixture(wrap);
  } else {
    await fixture(el);
  }
  return { el, events };
}

/** One event the element fired. */
export interface Recorded {
  type: 'ipsafezone-zone' | 'ipsafezone-success' | 'ipsafezone-error';
  detail: any;
  cancelable: boolean;
}

/** Waits (real time) until the element shows `step`, and its render is done. */
export async function waitForStep(el: LoginElement, step: LoginStep, timeout = 12_000) {
  await waitUntil(() => el.step === step, `step "${step}" never came (still "${el.step}")`, {
    timeout,
    interval: 25,
  });
  await el.updateComplete;
  // Focus moves after the render (a microtask later).
  await new Promise((r) => setTimeout(r, 0));
}

/** The element's shadow root. */
export const shadow = (el: LoginElement): ShadowRoot => el.shadowRoot!;

/** The light-DOM form, if a form step shows. */
export const form = (el: LoginElement) => el.querySelector('form');

/** A form field by name (`username`, `password`, `secSignId`). */
export const input = (el: LoginElement, name: string) =>
  el.querySelector<HTMLInputElement>(`input[name=${name}]`);

/** The submit button of the form. */
export const submitButton = (el: LoginElement) =>
  el.querySelector<HTMLButtonElement>('button[type=submit]');

/** The live region (role=status, aria-live=polite). */
export const status = (el: LoginElement) =>
  shadow(el).querySelector<HTMLElement>('[part~=status]')!;

/** Trimmed, whitespace-collapsed text. */
export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What the element says: statement, live region, shadow panels. */
export const statement = (el: LoginElement) => text(shadow(el).querySelector('[part~=statement]'));

/** A shadow part by name. */
export const part = (el: LoginElement, name: string) =>
  shadow(el).querySelector<HTMLElement>(`[part~=${name}]`);

/** The element focused now, looking into the element's shadow root. */
export function focused(el: LoginElement): Element | null {
  const active = document.activeElement;
  return active === el ? shadow(el).activeElement : active;
}

/** Types into the focused field with the real keyboard (Chromium key events, not `.value`). */
export async function type(textToType: string): Promise<void> {
  await sendKeys({ type: textToType });
}

/** Presses a key (e.g. `Enter`, `Tab`) on whatever has focus. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/**
 * Fills the focused step with the keyboard alone: types each value, Tab between fields, Enter
 * at the end (implicit submission of the form).
 */
export async function typeAndEnter(...values: string[]): Promise<void> {
  for (const [i, v] of values.entries()) {
    if (i > 0) await press('Tab');
    await type(v);
  }
  await press('Enter');
}

/** The events of a type fired so far. */
export const eventsOf = (events: Recorded[], type: Recorded['type']) =>
  events.filter((e) => e.type === type);

/** Waits until an `ipsafezone-error` with `code` was fired; returns its detail. */
export async function errorEvent(events: Recorded[], code: string, timeout = 12_000) {
  await waitUntil(
    () => eventsOf(events, 'ipsafezone-error').some((e) => e.detail.code === code),
    `no ipsafezone-error "${code}" (got ${JSON.stringify(eventsOf(events, 'ipsafezone-error').map((e) => e.detail.code))})`,
    { timeout, interval: 25 },
  );
  return eventsOf(events, 'ipsafezone-error').find((e) => e.detail.code === code)!.detail;
}
