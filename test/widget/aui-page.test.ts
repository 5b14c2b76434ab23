/**
 * `<ipsafezone-login>` inside Atlassian AUI 10's real CSS (issue 17, items 12 and 13): the
 * stylesheet shipped in `@atlassian/aui` (dist/aui/aui-prototyping.css, the one Jira and Confluence
 * pages are built on) is loaded into the page, which gets the markup of Jira's and Confluence's
 * login pages with the widget where their login form was. The form must render and be usable
 * (visible inputs with width, a submit that a real mouse click reaches, sane font sizes), sign in
 * unchanged, and follow AUI's colour mode exactly as AUI's CSS resolves it — `data-color-mode`,
 * `data-theme` ("light:dark" maps) and `data-color-mode-auto` (the browser's setting) — with text on
 * the primary button at 4.5:1 or better and input borders at 3:1 against the card in both modes.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import { ATLASSIAN_LOGIN_PAGES, AUI_CSS } from '../support/atlassian-pages.js';
import { contrast, rgb } from './colour.js';
import { input, part, submitButton, type, waitForStep, type LoginElement } from './helpers.js';

/** Attributes AUI reads on `<html>`, removed after each test. */
const HTML_ATTRIBUTES = ['data-color-mode', 'data-theme', 'data-color-mode-auto'];

const page = document.createElement('div');
let stylesheet: HTMLLinkElement | undefined;

/** Loads AUI's stylesheet once (it stays for the whole file). */
async function loadAui(): Promise<void> {
  if (stylesheet) return;
  stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `/${AUI_CSS}`;
  const loaded = new Promise((ok, fail) => {
    stylesheet!.onload = ok;
    stylesheet!.onerror = () => fail(new Error(`${AUI_CSS} did not load`));
  });
  document.head.append(stylesheet);
  await loaded;
}

/** Builds an Atlassian login page with AUI's `<html>` attributes and puts the element in it. */
async function atlassianPage(
  origin: string,
  product: keyof typeof ATLASSIAN_LOGIN_PAGES,
  html: Record<string, string>,
): Promise<LoginElement> {
  await loadAui();
  for (const [name, value] of Object.entries(html)) {
    document.documentElement.setAttribute(name, value);
  }
  const { body, bodyId, bodyClass } = ATLASSIAN_LOGIN_PAGES[product];
  document.body.id = bodyId;
  document.body.className = bodyClass;
  page.innerHTML = body;
  document.body.append(page);
  const el = document.createElement('ipsafezone-login') as LoginElement;
  // The page must not navigate away from the test after signing in.
  el.addEventListener('ipsafezone-success', (e) => e.preventDefault());
  el.setAttribute('server', origin);
  page.querySelector('#login-slot')!.append(el);
  await waitForStep(el, 'password');
  return el;
}

/** What AUI's CSS resolved on `<html>`: its colour scheme and one of its design tokens. */
const auiScheme = () => getComputedStyle(document.documentElement).colorScheme;
const token = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The box of a node, if it is rendered and visible. */
function shown(node: Element | null): DOMRect | null {
  const box = node?.getBoundingClientRect();
  const visible = !!box && box.width > 0 && box.height > 0;
  return visible && getComputedStyle(node!).visibility === 'visible' ? box : null;
}

/** Checks the element against the colour mode AUI resolved: scheme, tokens and contrast. */
function expectFollows(el: LoginElement, scheme: 'light' | 'dark'): void {
  expect(auiScheme(), 'AUI’s own resolution of the page').to.equal(scheme);
  expect(getComputedStyle(el).colorScheme, 'the element’s colour scheme').to.equal(scheme);
  const card = getComputedStyle(part(el, 'base')!).backgroundColor;
  expect(rgb(card)).to.deep.equal(rgb(token('--ds-surface-raised')));
  const button = getComputedStyle(submitButton(el)!);
  expect(rgb(button.backgroundColor)).to.deep.equal(rgb(token('--ds-background-brand-bold')));
  expect(contrast(button.color, button.backgroundColor), 'text on the primary').to.be.at.least(4.5);
  // The step focuses its first field; a field at rest is measured.
  input(el, 'username')!.blur();
  const field = getComputedStyle(input(el, 'username')!);
  expect(rgb(field.color)).to.deep.equal(rgb(token('--ds-text')));
  expect(contrast(field.color, field.backgroundColor), 'typed text').to.be.at.least(4.5);
  // The input's edge must be seen against the card (WCAG 1.4.11: 3:1).
  expect(contrast(field.borderTopColor, card, card), 'input border').to.be.at.least(3);
  const label = getComputedStyle(el.querySelector('.ipsz-label')!);
  expect(contrast(label.color, card), 'label text').to.be.at.least(4.5);
}

describe('<ipsafezone-login> in a page styled by AUI 10’s real CSS', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
  });
  afterEach(async () => {
    page.remove();
    page.innerHTML = '';
    for (const name of HTML_ATTRIBUTES) document.documentElement.removeAttribute(name);
    document.body.removeAttribute('id');
    document.body.removeAttribute('class');
    await emulateMedia({ colorScheme: 'light' });
    await resetMouse();
  });

  for (const product of ['jira', 'confluence'] as const) {
    it(`${product}: renders usable and signs in with a real mouse click`, async () => {
      const el = await atlassianPage(origin, product, {
        'data-color-mode': 'light',
        'data-theme': 'dark:dark light:light',
      });
      // AUI's CSS really is on the page.
      expect(getComputedStyle(page.querySelector('.aui-page-panel')!).display).to.not.equal('');
      expect(token('--ds-text')).to.not.equal('');
      for (const name of ['username', 'password']) {
        const box = shown(input(el, name));
        expect(box, `${name} shown`).to.not.equal(null);
        expect(box!.width, `${name} width`).to.be.greaterThan(150);
        expect(box!.height, `${name} height`).to.be.at.least(32);
        expect(getComputedStyle(input(el, name)!).fontSize).to.equal('14px');
      }
      expect(getComputedStyle(el.querySelector('.ipsz-label')!).fontSize).to.equal('12px');
      expect(getComputedStyle(submitButton(el)!).fontSize).to.equal('14px');
      const submit = shown(submitButton(el));
      expect(submit, 'submit shown').to.not.equal(null);
      // Nothing of the page lies over the button's centre.
      const [x, y] = [submit!.x + submit!.width / 2, submit!.y + submit!.height / 2];
      expect(document.elementFromPoint(x, y)).to.equal(submitButton(el));
      expectFollows(el, 'light');

      input(el, 'username')!.focus();
      await type('alice');
      input(el, 'password')!.focus();
      await type(PASSWORD);
      await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
      await waitForStep(el, 'signed-in');
    });
  }

  const MODES: [string, Record<string, string>, 'light' | 'dark', 'light' | 'dark'][] = [
    ['data-color-mode="dark"', { 'data-color-mode': 'dark' }, 'light', 'dark'],
    [
      'Jira’s dark mode (data-color-mode="dark", data-theme="dark:dark light:light")',
      { 'data-color-mode': 'dark', 'data-theme': 'dark:dark light:light' },
      'light',
      'dark',
    ],
    [
      'Jira’s light mode on a dark system',
      { 'data-color-mode': 'light', 'data-theme': 'dark:dark light:light' },
      'dark',
      'light',
    ],
    [
      '"match browser" (data-color-mode-auto) on a dark system',
      {
        'data-color-mode': 'light',
        'data-color-mode-auto': '',
        'data-theme': 'dark:dark light:light',
      },
      'dark',
      'dark',
    ],
    [
      '"match browser" (data-color-mode-auto) on a light system',
      {
        'data-color-mode': 'dark',
        'data-color-mode-auto': '',
        'data-theme': 'dark:dark light:light',
      },
      'light',
      'light',
    ],
    [
      'a theme map that shows dark in light mode (data-theme="light:dark")',
      { 'data-color-mode': 'light', 'data-theme': 'light:dark' },
      'light',
      'dark',
    ],
  ];
  for (const [name, attributes, system, expected] of MODES) {
    it(`follows AUI: ${name} → ${expected}`, async () => {
      await emulateMedia({ colorScheme: system });
      const el = await atlassianPage(origin, 'jira', attributes);
      expectFollows(el, expected);
      await expect(el).to.be.accessible();
    });
  }

  it('follows AUI’s switches at run time: the theme switcher and the browser setting', async () => {
    const el = await atlassianPage(origin, 'confluence', {
      'data-color-mode': 'light',
      'data-theme': 'dark:dark light:light',
    });
    expectFollows(el, 'light');
    document.documentElement.dataset.colorMode = 'dark';
    await new Promise((r) => setTimeout(r, 50));
    expectFollows(el, 'dark');
    // "Match browser": AUI follows the system, so the element must too when only the system changes.
    document.documentElement.setAttribute('data-color-mode-auto', '');
    await emulateMedia({ colorScheme: 'light' });
    await new Promise((r) => setTimeout(r, 50));
    expectFollows(el, 'light');
    await emulateMedia({ colorScheme: 'dark' });
    await new Promise((r) => setTimeout(r, 50));
    expectFollows(el, 'dark');
  });
});
