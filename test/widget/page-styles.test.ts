/**
 * `<ipsafezone-login>` on pages it does not control (issue 17): a hostile page stylesheet cannot
 * hide or shrink the light-DOM form (guarded in the `ipsafezone-guard` cascade layer); text on the
 * primary colour keeps 4.5:1 whatever primary a theme sets, in light and dark; the card follows the
 * page's own colour mode (Atlassian's `data-color-mode`, the page's `color-scheme`) over the
 * system's, and takes Atlassian's design tokens (`--ds-*`) before its built-in colours.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import { contrast, rgb } from './colour.js';
import {
  form,
  input,
  mount,
  part,
  submitButton,
  typeAndEnter,
  waitForStep,
  type LoginElement,
} from './helpers.js';

const visible = (node: Element | null) => {
  const box = node?.getBoundingClientRect();
  return (
    !!box && box.width > 0 && box.height > 0 && getComputedStyle(node!).visibility === 'visible'
  );
};

const cardBackground = (el: LoginElement) =>
  rgb(getComputedStyle(part(el, 'base')!).backgroundColor);

describe('<ipsafezone-login> on hostile and themed pages', () => {
  let origin: string;
  const added: Element[] = [];
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
  });
  afterEach(async () => {
    for (const node of added.splice(0)) node.remove();
    delete document.documentElement.dataset.colorMode;
    document.documentElement.style.cssText = '';
    await emulateMedia({ colorScheme: 'light' });
  });
  const pageCss = (cssText: string) => {
    const style = document.createElement('style');
    style.textContent = cssText;
    document.head.append(style);
    added.push(style);
  };

  it('stays usable under a hostile page stylesheet', async () => {
    pageCss(`
      button { display: none; }
      * { font-size: 30px; }
      form { display: none !important; }
      label, input { visibility: hidden !important; }
      input { width: 10px !important; }
    `);
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(visible(form(el))).to.equal(true);
    for (const node of [input(el, 'username'), input(el, 'password'), submitButton(el)]) {
      expect(visible(node)).to.equal(true);
      expect(getComputedStyle(node!).fontSize).to.equal('14px');
    }
    expect(getComputedStyle(el).fontSize).to.equal('14px');
    expect(getComputedStyle(el.querySelector('.ipsz-label')!).fontSize).to.equal('12px');
    expect(input(el, 'username')!.getBoundingClientRect().width).to.be.greaterThan(100);
    await typeAndEnter('alice', PASSWORD);
    await waitForStep(el, 'signed-in');
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const primary of ['#0052cc', '#ffab00', '#36b37e']) {
      it(`text on the primary ${primary} keeps 4.5:1 in ${scheme} mode`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const { el } = await mount({ server: origin });
        el.style.setProperty('--ipsafezone-primary', primary);
        await waitForStep(el, 'password');
        const button = getComputedStyle(submitButton(el)!);
        expect(rgb(button.backgroundColor)).to.deep.equal(rgb(primary));
        expect(contrast(button.color, button.backgroundColor)).to.be.at.least(4.5);
      });
    }
  }

  it('follows Atlassian’s data-color-mode over the system setting', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.documentElement.dataset.colorMode = 'light';
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(cardBackground(el)).to.deep.equal([255, 255, 255]);
    // Switched at run time, as Jira's theme switcher does.
    document.documentElement.dataset.colorMode = 'dark';
    await new Promise((r) => setTimeout(r, 50));
    expect(cardBackground(el)).to.deep.equal(rgb('#22272b'));
  });

  it('follows the page’s color-scheme, and the system when the page says nothing', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(cardBackground(el)).to.deep.equal(rgb('#22272b'));
    document.documentElement.style.colorScheme = 'light';
    await new Promise((r) => setTimeout(r, 50));
    expect(cardBackground(el)).to.deep.equal([255, 255, 255]);
  });

  it('takes Atlassian’s design tokens before its own colours', async () => {
    const root = document.documentElement.style;
    root.setProperty('--ds-surface-raised', 'rgb(250, 240, 230)');
    root.setProperty('--ds-background-brand-bold', 'rgb(12, 102, 228)');
    root.setProperty('--ds-text', 'rgb(23, 43, 77)');
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(cardBackground(el)).to.deep.equal([250, 240, 230]);
    expect(rgb(getComputedStyle(submitButton(el)!).backgroundColor)).to.deep.equal([12, 102, 228]);
    expect(rgb(getComputedStyle(form(el)!).color)).to.deep.equal([23, 43, 77]);
    await expect(el).to.be.accessible();
  });
});
