/**
 * Messages the widget had only in English (issue 17): `no_account` (a SecSign ID no account here
 * has) and `secsign_error` (the ID server answered with an error) read German on a German page.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { loadTerms, pickTerms } from '../../widget/terms.js';
import { control, PhoneState } from '../support/browser-control.js';
import { errorEvent, mount, status, text, typeAndEnter, waitForStep } from './helpers.js';

describe('<ipsafezone-login> messages in German', () => {
  it('no_account: a SecSign ID that is assigned to nobody here', async () => {
    const { origin } = await control('reset', { inside: false });
    const { el, events } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'secsign-id');
    await typeAndEnter('nobody.sec');
    await waitForStep(el, 'pending');
    await control('phone', { secSignId: 'nobody.sec', state: PhoneState.accepted });
    expect((await errorEvent(events, 'no_account')).status).to.equal(403);
    await waitForStep(el, 'outcome');
    expect(text(status(el))).to.equal(
      'Diese SecSign ID ist hier keinem Konto zugewiesen. Ein Administrator muss sie zuweisen.',
    );
  });

  it('every error code the English table knows has German words of its own', async () => {
    await loadTerms('en');
    await loadTerms('de');
    const en = pickTerms('en').errors;
    const de = pickTerms('de').errors;
    for (const code of Object.keys(en)) {
      expect(de[code], code).to.be.a('string').and.not.equal(en[code]);
    }
    expect(de.secsign_error).to.equal(
      'Der SecSign ID Server hat mit einem Fehler geantwortet. Bitte erneut versuchen.',
    );
  });
});
