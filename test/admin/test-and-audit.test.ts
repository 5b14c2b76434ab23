/**
 * Browser tests of the admin page's "Test an address" and audit-log sections against the real
 * backend: the address field prefilled with the administrator's own address and how it was found,
 * inside and outside answers; the log newest first, a user filter that narrows the rows, paging by
 * 25, and the CSV export link answering text/csv with the header row and the filtered rows.
 */
import { expect } from '@open-wc/testing';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  signIn,
  typeInto,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

const CSV_HEADER =
  'id,at,actor,action,username,clientIp,clientReason,zone,required,outcome,details';

describe('admin: test an address', () => {
  it('is prefilled with my address and how it was found; inside needs a password, outside the SecSign ID', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    const { root } = await openAdmin(origin, 'test', 'ipsz-test-section');
    const own = await until(() => words(root.querySelector('[data-own]')), 'my address shown');
    expect(own).to.match(/^Your address: 127\.0\.0\.1 \(found: .+\)$/);
    expect(own).to.contain('socket');
    const address = need<HTMLInputElement>(root, 'input[name=address]');
    expect(address.value).to.equal('127.0.0.1');

    const form = need<HTMLFormElement>(root, 'form');
    form.requestSubmit();
    let result = await until(() => root.querySelector('[data-result]'), 'the inside answer');
    expect(words(result)).to.contain('Inside zone Office.');
    expect(words(result)).to.contain('A password suffices.');

    typeInto(address, '203.0.113.7');
    form.requestSubmit();
    await until(
      () => words(root.querySelector('[data-result]')).includes('Outside every zone.'),
      'the outside answer',
    );
    result = root.querySelector('[data-result]')!;
    expect(words(result)).to.contain('A second factor is needed (alone).');

    // With 2SA on, the same outside address needs the password, then the SecSign ID; a user
    // without a SecSign ID is named as unable to sign in from there.
    await control('settings', { twoStepActive: true });
    typeInto(need<HTMLInputElement>(root, 'input[name=username]'), 'carol');
    form.requestSubmit();
    await until(
      () => words(root.querySelector('[data-result]')).includes('Password, then a second factor.'),
      'the 2SA answer',
    );
    expect(words(root.querySelector('[data-user-note]'))).to.contain('carol');
  });
});

describe('admin: audit log', () => {
  it('lists newest first, narrows by user, pages by 25 and exports the filtered rows as CSV', async function () {
    this.timeout(30_000);
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    // A user of our own with 27 entries about them: created, 25 edits, then signed out everywhere.
    const name = `audit${Date.now().toString(36)}`;
    const made = await api(origin, 'POST', '/api/admin/users', {
      username: name,
      password: 'a long enough password',
      displayName: 'Audit 0',
      email: `${name}@example.com`,
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const id = made.body.user.id as number;
    for (let i = 1; i <= 25; i++) {
      const r = await api(origin, 'PATCH', `/api/admin/users/${id}`, { displayName: `Audit ${i}` });
      expect(r.status).to.equal(200);
    }
    expect((await api(origin, 'POST', `/api/admin/users/${id}/revoke-sessions`)).status).to.equal(
      200,
    );

    const { root } = await openAdmin(origin, 'audit', 'ipsz-audit-section');
    const rows = () => [...root.querySelectorAll<HTMLElement>('tr[data-entry]')];
    const ids = () => rows().map((r) => Number(r.dataset.entry));
    await until(() => rows().length === 25, 'the first page of the whole log');
    const pager = () => words(root.querySelector('nav span'));
    const allTotal = Number(/of (\d+)/.exec(pager())![1]);
    expect(allTotal).to.be.greaterThan(27);
    expect(ids()).to.deep.equal(
      [...ids()].sort((a, b) => b - a),
      'newest first',
    );
    expect(words(rows()[0])).to.contain('user.sessions.revoke');

    // Filter by the user: exactly their 27 entries.
    typeInto(need<HTMLInputElement>(root, 'input[name=user]'), name);
    need<HTMLFormElement>(root, 'form[role=search]').requestSubmit();
    await until(() => pager() === '1–25 of 27', 'the filtered first page');
    expect(rows()).to.have.length(25);
    for (const r of rows()) expect(words(r)).to.contain(name);
    expect(words(rows()[0])).to.contain('user.sessions.revoke');
    const firstPage = ids();
    expect(firstPage).to.deep.equal([...firstPage].sort((a, b) => b - a));

    // Paging: the next page holds the two oldest, the creation last.
    const previous = buttonByText(root, 'Previous')!;
    const next = buttonByText(root, 'Next')!;
    expect(previous.disabled).to.equal(true);
    next.click();
    await until(() => pager() === '26–27 of 27', 'the second page');
    expect(rows()).to.have.length(2);
    expect(Math.max(...ids())).to.be.lessThan(Math.min(...firstPage));
    expect(words(rows()[1])).to.contain('user.create');
    expect(buttonByText(root, 'Next')!.disabled).to.equal(true);
    buttonByText(root, 'Previous')!.click();
    await until(() => pager() === '1–25 of 27', 'back to the first page');
    expect(ids()).to.deep.equal(firstPage);

    // CSV export of the filtered log, through the link the page offers.
    const link = need<HTMLAnchorElement>(root, 'a[download]');
    expect(words(link)).to.equal('Export CSV');
    expect(new URL(link.href).searchParams.get('user')).to.equal(name);
    const res = await fetch(link.href, { credentials: 'include' });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = (await res.text()).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).to.equal(CSV_HEADER);
    expect(lines).to.have.length(1 + 27);
    expect(lines[1]).to.contain('user.sessions.revoke');
    expect(lines[27]).to.contain('user.create');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).to.deep.equal([
      ...firstPage,
      ...(await auditIds(origin, name, 25)),
    ]);
  });
});

/** The ids of a user's audit entries from `offset` on, as the JSON API pages them. */
async function auditIds(origin: string, user: string, offset: number): Promise<number[]> {
  const r = await api(origin, 'GET', `/api/admin/audit?user=${user}&offset=${offset}&limit=25`);
  return (r.body.entries as { id: number }[]).map((e) => e.id);
}
