/**
 * Threat (formula injection through the audit export): anyone may type anything as a user name on
 * the login page, and the refusal is audited with that name. The audit log's CSV export
 * (`/api/admin/audit.csv`) defused a cell starting with `=`, `+`, `-`, `@` — but a spreadsheet
 * whose list separator is `;` (Excel and LibreOffice in German and most other European locales,
 * which this product's administrators use) splits an unquoted cell at every `;`, so the name
 * `x;=1+1` became a cell `=1+1`: a formula the administrator's spreadsheet runs (quoting does not
 * help: the quote is not at the start of that spreadsheet's cell). Now what follows a `;` inside a
 * cell is defused as a cell's start is (`'`). Real app over HTTP; the export is read as both a `,`
 * and a `;` spreadsheet would read it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

/** The cells of a CSV text as a spreadsheet with `separator` reads them (RFC 4180 quoting). */
function cells(text: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator || ch === '\n') {
      out.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

test('a formula typed as a user name is text in the export, with "," or ";" as separator', async () => {
  const names = ['x;=1+1', 'y;+cmd|calc!a0', 'z;@sum(1;2)', 'w;-2+3'];
  for (const username of names) {
    const res = await f.client().post('/api/login/password', { username, password: 'guess' });
    assert.ok(res.status < 500, JSON.stringify(res.body));
  }
  const admin = await f.signIn('alice', INSIDE);
  const csv = await admin.get('/api/admin/audit.csv?action=login.password');
  assert.equal(csv.status, 200);
  const text = String(csv.body).replace(/^\uFEFF/, '');
  for (const name of names) assert.ok(text.includes(name.split(';')[1]!), `${name} exported`);
  for (const separator of [',', ';']) {
    const formulas = cells(text, separator).filter((c) => /^[=+\-@]/.test(c));
    assert.deepEqual(formulas, [], `cells a "${separator}" spreadsheet would run`);
  }
});
