/**
 * The simulated phone app driven over real HTTP, the way a browser would: list the requests of an
 * ID, open one (FETCHED), pick the right symbol (AUTHENTICATED), a wrong one or Deny (DENIED).
 * Also the CSRF defence (double-submit cookie and origin check), the 4xx answers to bad requests,
 * the page's security headers, and that relative links work under the mount path.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import {
  AuthSessionState,
  type AuthSession,
  type SecSignClient,
} from '../../../server/secsign/types.js';
import { symbolByName } from '../../../demo/secsign-sim/symbols.js';
import { startSim, type RunningSim } from '../../server/secsign/helpers.js';
import { en } from '../../../widget/terms-en.js';
import { de } from '../../../widget/terms-de.js';

interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}
interface Form {
  action: string;
  fields: Record<string, string>;
  symbols: string[];
  labels: string[];
}

function formsOf(page: Page): Form[] {
  const forms: Form[] = [];
  for (const m of page.html.matchAll(
    /<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g,
  )) {
    const body = m[2]!;
    forms.push({
      action: new URL(m[1]!, page.url).toString(),
      fields: Object.fromEntries(
        [...body.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((x) => [
          x[1]!,
          x[2]!,
        ]),
      ),
      symbols: [...body.matchAll(/name="symbol" value="(\w+)"/g)].map((x) => x[1]!),
      labels: [...body.matchAll(/aria-label="([^"]+)"/g)].map((x) => x[1]!),
    });
  }
  return forms;
}

function formTo(page: Page, action: string): Form {
  const form = formsOf(page).find((f) => f.action.endsWith(`/phone/${action}`));
  assert.ok(form, `no form posting to ${action} on ${page.url}:\n${page.html}`);
  return form;
}

describe('the simulated phone app', () => {
  let run: RunningSim;
  let client: SecSignClient;
  let origin: string;
  let cookie = '';

  before(async () => {
    run = await startSim();
    client = createHttpApiClient({ servers: [run.url] });
    origin = new URL(run.url).origin;
  });
  after(() => run.close());
  beforeEach(() => run.clock.advance(61_000));

  async function get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    const url = `${run.url}${path}`;
    const res = await fetch(url, { headers: { cookie, ...headers }, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    return { status: res.status, url, html: await res.text(), headers: res.headers };
  }

  async function post(
    form: Form,
    extra: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const res = await fetch(form.action, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
        origin,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams({ ...form.fields, ...extra }).toString(),
      redirect: 'manual',
    });
    return { status: res.status, url: form.action, html: await res.text(), headers: res.headers };
  }

  const request = (secSignId = 'alice', showAccessPass = true, serviceName = 'Jira') =>
    client.requestAuthSession({
      secSignId,
      serviceName,
      serviceAddress: 'https://jira.example.com',
      showAccessPass,
    });

  /** Lists `id`'s requests and opens the one for `session`. */
  async function open(session: AuthSession): Promise<Page> {
    const list = await get(`/phone?id=${session.secSignId}`);
    const form = formsOf(list).find((f) => f.fields.session === session.authSessionId);
    assert.ok(form, 'the request is listed');
    const page = await post(form);
    assert.equal(page.status, 200, page.html);
    return page;
  }

  const symbolOf = (s: AuthSession) =>
    run.sim.sessions().find((x) => x.authSessionId === s.authSessionId)!.symbol;

  test('the start page: ID form, simulator warning, strict CSP, a Strict HttpOnly cookie', async () => {
    cookie = '';
    const res = await fetch(`${run.url}/phone`);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(html, /Simulator for demos and tests/);
    assert.match(html, /<input id="id" name="id"/);
    assert.doesNotMatch(html, /<script|style=|\son[a-z]+=/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(
      res.headers.get('set-cookie') ?? '',
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
    );
    assert.match(html, /<meta name="viewport" content="width=device-width/);
  });

  test('relative links resolve under the mount path: stylesheet and symbol images load', async () => {
    const list = await get('/phone');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(list.html)![1]!;
    const css = await fetch(new URL(href, list.url));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await css.text(), /\.symbols/);

    const s = await request();
    const page = await open(s);
    const srcs = [...page.html.matchAll(/<img src="([^"]+)"/g)].map(
      (m) => new URL(m[1]!, page.url),
    );
    assert.equal(srcs.length, 4);
    for (const src of srcs) {
      assert.ok(src.pathname.startsWith('/secsign-sim/phone/symbols/'), src.pathname);
      const img = await fetch(src);
      assert.equal(img.headers.get('content-type'), 'image/png');
      const png = PNG.sync.read(Buffer.from(await img.arrayBuffer()));
      assert.deepEqual([png.width, png.height], [88, 88]);
    }
  });

  test('the list shows service name, address and seconds left, escaped, with a Refresh link (no meta refresh)', async () => {
    const s = await request('alice', true, 'Jira <script>alert(1)</script>');
    let list = await get('/phone?id=ALICE');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.html, /http-equiv="refresh"/i);
    assert.match(list.html, /<a class="refresh" href="phone\?id=alice">Refresh the list<\/a>/);
    assert.equal(list.html.match(/<h1>/g)?.length, 1, 'one h1');
    assert.match(list.html, /Jira &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(list.html, /<script>/);
    assert.match(list.html, /https:\/\/jira\.example\.com/);
    assert.match(list.html, /120 s left/);
    run.clock.advance(30_500);
    list = await get('/phone?id=alice');
    assert.match(list.html, /90 s left/);
    assert.ok(formsOf(list).some((f) => f.fields.session === s.authSessionId));
  });

  test('decided, suspended and expired requests leave the list', async () => {
    const first = await request();
    const second = await request(); // suspends the first
    let list = await get('/phone?id=alice');
    const listed = () => formsOf(list).map((f) => f.fields.session);
    assert.deepEqual(listed(), [second.authSessionId]);
    run.clock.advance(120_000);
    list = await get('/phone?id=alice');
    assert.deepEqual(listed(), []);
    assert.match(list.html, /No open login requests/);
    assert.equal(await client.getAuthSessionState(first), AuthSessionState.SUSPENDED);
  });

  test('opening a request marks it FETCHED and shows the right symbol among 3 decoys', async () => {
    const s = await request();
    const page = await open(s);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
    const form = formTo(page, 'pick');
    assert.equal(form.symbols.length, 4);
    assert.equal(new Set(form.symbols).size, 4, 'symbols differ');
    assert.ok(form.symbols.includes(symbolOf(s)));
    form.labels.forEach((label, i) => {
      const shape = symbolByName(form.symbols[i]!)!;
      // Begins with the widget's alt text for the access pass, so the two can be matched by ear.
      assert.equal(label, `${en.passAlt}: ${shape.label.en} (symbol ${i + 1} of 4)`);
    });
    // A FETCHED request is still listed and may be opened again.
    const again = await open(s);
    assert.deepEqual(formTo(again, 'pick').symbols, form.symbols, 'the order stays the same');
  });

  test('picking the matching symbol → AUTHENTICATED', async () => {
    const s = await request();
    const page = await post(formTo(await open(s), 'pick'), { symbol: symbolOf(s) });
    assert.equal(page.status, 200);
    assert.match(page.html, /Login approved/);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.AUTHENTICATED);
    const back = /<a href="([^"]+)">/.exec(page.html)![1]!;
    assert.equal(new URL(back.replace(/&amp;/g, '&'), page.url).pathname, '/secsign-sim/phone');
  });

  test('picking another symbol → DENIED', async () => {
    const s = await request();
    const form = formTo(await open(s), 'pick');
    const wrong = form.symbols.find((x) => x !== symbolOf(s))!;
    const page = await post(form, { symbol: wrong });
    assert.equal(page.status, 200);
    assert.match(page.html, /Login denied/);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.DENIED);
  });

  test('the Deny button → DENIED', async () => {
    const s = await request();
    const page = await post(formTo(await open(s), 'deny'));
    assert.equal(page.status, 200);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.DENIED);
  });

  test('without access pass the phone offers Accept, and Accept → AUTHENTICATED', async () => {
    const s = await request('bob', false);
    const page = await open(s);
    assert.equal(
      formsOf(page).some((f) => f.action.endsWith('/pick')),
      false,
    );
    const accept = formTo(page, 'accept');
    assert.equal(
      (
        await post(
          { ...accept, action: accept.action.replace('accept', 'pick') },
          { symbol: 'circle' },
        )
      ).status,
      400,
    );
    assert.equal((await post(accept)).status, 200);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.AUTHENTICATED);
  });

  test('Accept on a request with access pass is refused (400): the symbol must be picked', async () => {
    const s = await request();
    const pick = formTo(await open(s), 'pick');
    const res = await post({ ...pick, action: pick.action.replace('pick', 'accept') });
    assert.equal(res.status, 400);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
  });

  test('an answered request cannot be answered again (409)', async () => {
    const s = await request();
    const form = formTo(await open(s), 'pick');
    await post(form, { symbol: symbolOf(s) });
    const wrong = form.symbols.find((x) => x !== symbolOf(s))!;
    const again = await post(form, { symbol: wrong });
    assert.equal(again.status, 409);
    assert.match(again.html, /no longer open.*Authenticated/s);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.AUTHENTICATED);
  });

  test('an expired request cannot be answered (409) and stays EXPIRED', async () => {
    const s = await request();
    const form = formTo(await open(s), 'pick');
    run.clock.advance(120_000);
    const res = await post(form, { symbol: symbolOf(s) });
    assert.equal(res.status, 409);
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.EXPIRED);
  });

  describe('CSRF: a post is refused (403) and changes nothing', () => {
    const cases: [string, (f: Form) => [Record<string, string>, Record<string, string>]][] = [
      ['without the cookie', () => [{}, { cookie: '' }]],
      ['with a token that differs from the cookie', () => [{ csrf: 'A'.repeat(43) }, {}]],
      ['without the token', (f) => [{ csrf: '' }, { cookie: `x=${f.fields.csrf}` }]],
      ['from another origin', () => [{}, { origin: 'https://evil.example' }]],
      ['with Origin: null', () => [{}, { origin: 'null' }]],
      ['with Sec-Fetch-Site: cross-site', () => [{}, { 'sec-fetch-site': 'cross-site' }]],
    ];
    for (const [name, tamper] of cases) {
      test(name, async () => {
        const s = await request();
        const form = formTo(await open(s), 'pick');
        const [fields, headers] = tamper(form);
        const res = await post(form, { symbol: symbolOf(s), ...fields }, headers);
        assert.equal(res.status, 403);
        assert.match(res.html, /security check failed/);
        assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
      });
    }
  });

  describe('bad requests get a clear 4xx, never a 500', () => {
    test('an unknown ID on the list page → 404', async () => {
      const page = await get('/phone?id=nobody');
      assert.equal(page.status, 404);
      assert.match(page.html, /does not know that SecSign ID/);
    });

    test('an overlong ID on the list page → 400', async () => {
      assert.equal((await get(`/phone?id=${'a'.repeat(300)}`)).status, 400);
    });

    const formCases: [string, Record<string, string>, number][] = [
      ['no session', { session: '' }, 400],
      ['a session that is not letters and digits', { session: '12+abc' }, 400],
      ['an overlong session', { session: '9'.repeat(129) }, 400],
      ['an unknown session', { session: '12345' }, 404],
      ['no SecSign ID', { id: '' }, 400],
      ['another SecSign ID than the session’s', { id: 'bob' }, 404],
      ['a symbol that was not offered', { symbol: 'nonsense' }, 400],
      ['no symbol', { symbol: '' }, 400],
    ];
    for (const [name, fields, status] of formCases) {
      test(`pick with ${name} → ${status}`, async () => {
        const s = await request();
        const form = formTo(await open(s), 'pick');
        const res = await post(form, { symbol: symbolOf(s), ...fields });
        assert.equal(res.status, status, res.html);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
      });
    }

    test('a post that is not form-encoded → 415', async () => {
      const s = await request();
      const form = formTo(await open(s), 'pick');
      const res = await post(form, {}, { 'content-type': 'application/json' });
      assert.equal(res.status, 415);
    });

    test('an oversized post → 413', async () => {
      const s = await request();
      const form = formTo(await open(s), 'deny');
      const res = await post(form, { pad: 'x'.repeat(10_000) });
      assert.equal(res.status, 413);
      assert.equal(await client.getAuthSessionState(s), AuthSessionState.FETCHED);
    });

    for (const path of [
      '/phone/symbols/nothing.png',
      '/phone/symbols/..%2F..%2Fetc',
      '/phone/open',
      '/phone/nowhere',
    ]) {
      test(`GET ${path} → 404`, async () => {
        assert.equal((await get(path)).status, 404);
      });
    }

    test('GET /phone/ redirects to ../phone', async () => {
      const page = await get('/phone/');
      assert.equal(page.status, 308);
      assert.equal(new URL(page.headers.get('location')!, page.url).pathname, '/secsign-sim/phone');
    });
  });

  test('a frozen ID stays frozen until the phone reactivates it (time alone does not thaw it)', async () => {
    run.sim.freeze('bob');
    run.clock.advance(24 * 3_600_000);
    await assert.rejects(request('bob'), /frozen|20006/i);
    const list = await get('/phone?id=bob');
    assert.match(list.html, /This SecSign ID is frozen/);
    const page = await post(formTo(list, 'unfreeze'));
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /active again/);
    const s = await request('bob');
    assert.equal(await client.getAuthSessionState(s), AuthSessionState.PENDING);
  });

  test('reactivating needs the same-site form token like every other phone action', async () => {
    run.sim.freeze('bob');
    const form = formTo(await get('/phone?id=bob'), 'unfreeze');
    const forged = await post(form, { csrf: 'x'.repeat(43) });
    assert.equal(forged.status, 403);
    await assert.rejects(request('bob'), /frozen|20006/i);
    run.sim.unfreeze('bob');
  });

  test("symbol names begin with the widget's access-pass words, in German too", async () => {
    const s = await request();
    const list = await get(`/phone?id=${s.secSignId}`, { 'accept-language': 'de' });
    const form = formsOf(list).find((f) => f.fields.session === s.authSessionId)!;
    const page = await post(form, {}, { 'accept-language': 'de' });
    for (const label of formTo(page, 'pick').labels) {
      assert.ok(label.startsWith(`${de.passAlt}: `), label);
    }
  });

  test('German for a browser that prefers it', async () => {
    await request();
    const page = await get('/phone?id=alice', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' });
    assert.match(page.html, /<html lang="de">/);
    assert.match(page.html, /Anmeldeanfragen für alice/);
    assert.match(page.html, /Simulator für Vorführungen und Tests/);
  });
});

describe('the phone with more decoys', () => {
  test('decoys: 5 → six distinct symbols, the right one among them', async () => {
    const run = await startSim({ decoys: 5 });
    try {
      const client = createHttpApiClient({ servers: [run.url] });
      await client.requestAuthSession({
        secSignId: 'alice',
        serviceName: 'Jira',
        serviceAddress: 'x',
        showAccessPass: true,
      });
      const held = run.sim.sessions()[0]!;
      assert.equal(held.choices.length, 6);
      assert.equal(new Set(held.choices).size, 6);
      assert.ok(held.choices.includes(held.symbol));
    } finally {
      await run.close();
    }
  });
});
