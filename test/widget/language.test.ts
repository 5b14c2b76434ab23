/**
 * `<ipsafezone-login>` in German and English: the `lang` attribute, the language inherited from
 * up the tree, the texts of each step and error in German, and `lang` set on what it renders.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD, PhoneState } from '../support/browser-control.js';
import {
  errorEvent,
  form,
  mount,
  part,
  press,
  statement,
  status,
  submitButton,
  text,
  type,
  typeAndEnter,
  waitForStep,
  type LoginElement,
} from './helpers.js';

const labels = (el: LoginElement) => [...el.querySelectorAll('.ipsz-label')].map(text);

describe('<ipsafezone-login> languages', () => {
  let origin: string;

  it('German from the lang attribute: password step, wrong password, signed in', async () => {
    ({ origin } = await control('reset', { inside: true }));
    const { el, events } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'password');
    expect(statement(el)).to.equal(
      'Sie sind im Firmennetz (Office). Melden Sie sich mit Ihrem Passwort an.',
    );
    expect(labels(el)).to.deep.equal(['Benutzername', 'Passwort']);
    expect(text(submitButton(el))).to.equal('Anmelden');
    expect(form(el)!.getAttribute('lang')).to.equal('de');
    expect(part(el, 'base')!.getAttribute('lang')).to.equal('de');
    await expect(el).to.be.accessible();

    await typeAndEnter('alice', 'falsch falsch');
    await errorEvent(events, 'invalid_credentials');
    await el.updateComplete;
    expect(text(status(el))).to.equal('Benutzername oder Passwort falsch.');
    await type(PASSWORD);
    await press('Enter');
    await waitForStep(el, 'signed-in');
    expect(text(status(el))).to.equal('Angemeldet als Alice Admin.');
  });

  it('German from a parent lang: SecSign ID step, access pass, an outcome', async () => {
    ({ origin } = await control('reset', { inside: false }));
    const { el } = await mount({ server: origin, parentLang: 'de-AT' });
    await waitForStep(el, 'secsign-id');
    expect(statement(el)).to.equal(
      'Sie sind außerhalb des Firmennetzes (127.0.0.1). Bestätigen Sie mit Ihrer SecSign ID.',
    );
    expect(labels(el)).to.deep.equal(['SecSign ID']);
    expect(text(submitButton(el))).to.equal('Weiter');
    await typeAndEnter('bob.sec');
    await waitForStep(el, 'pending');
    expect(text(status(el))).to.equal(
      'Öffnen Sie die SecSign ID App für bob.sec und wählen Sie das hier gezeigte Symbol.',
    );
    expect(text(part(el, 'countdown'))).to.match(/^Warte auf Ihre Bestätigung: noch \d+:\d\d$/);
    expect(text(part(el, 'cancel-button'))).to.equal('Abbrechen');
    expect((part(el, 'access-pass-image') as HTMLImageElement).alt).to.equal('Access-Pass-Symbol');
    await expect(el).to.be.accessible();
    await control('phone', { secSignId: 'bob.sec', state: PhoneState.denied });
    await waitForStep(el, 'outcome');
    expect(text(status(el))).to.equal(
      'Die Anfrage wurde in der App abgelehnt (oder ein anderes Symbol gewählt).',
    );
    expect(text(part(el, 'retry-button'))).to.equal('Neu beginnen');
    await expect(el).to.be.accessible();
  });

  it('English for any other language, and German errors on the two-step path', async () => {
    ({ origin } = await control('reset', { inside: false, twoStepActive: true }));
    const fr = await mount({ server: origin, lang: 'fr' });
    await waitForStep(fr.el, 'password');
    expect(labels(fr.el)).to.deep.equal(['Username', 'Password']);
    fr.el.remove();

    const { el, events } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await errorEvent(events, 'no_secsign_id');
    await el.updateComplete;
    expect(text(status(el))).to.equal(
      'Sie haben noch keine SecSign ID. Ein Administrator muss sie zuweisen.',
    );
  });

  it('switching lang at run time re-renders in the new language', async () => {
    ({ origin } = await control('reset', { inside: true }));
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(text(submitButton(el))).to.equal('Sign in');
    el.lang = 'de';
    // The German words are a chunk of their own: the element re-renders once they are in.
    await waitUntil(() => text(submitButton(el)) === 'Anmelden', 'still not German');
  });
});
