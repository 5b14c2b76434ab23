/**
 * `/login` sends the first form inside its HTML (issue 25, part 4): the element's shadow root as
 * declarative shadow DOM and its light-DOM form, rendered from the widget's own templates by the
 * build (login-page/first-forms.ts), the right form for where the request stands — user name and
 * password inside, the SecSign ID outside, the password first under two-step — in the page's
 * language. The page's script is then linked (it comes after the form), every inline style is
 * allowed by its hash and nothing inline is allowed otherwise. Where the element would start with
 * something other than a form, or the forms are not built (login-page-hint.test.ts), the page is
 * what it was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { renderFirstForms } from '../../../login-page/first-forms.js';
import { createClientAddressResolver } from '../../../server/client-address/resolver.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { defaultConfig } from '../../../server/config/settings.js';
import { clientAddressMiddleware } from '../../../server/http/client-address-middleware.js';
import type { DoorEnv } from '../../../server/http/context.js';
import { FIRST_FORMS_FILE, firstForm } from '../../../server/pages/first-form.js';
import type { ZoneInfo } from '../../../server/login/api-types.js';
import { loginPage } from '../../../server/pages/login-page.js';
import { INSIDE, OUTSIDE, startFixture, type Fixture } from '../login/fixture.js';
import { createMetrics } from '../../../server/ops/metrics.js';

let f: Fixture;
let dist: string;
const SCRIPT = 'customElements.define("x-y", class extends HTMLElement {});';

before(async () => {
  f = await startFixture();
  dist = await mkdtemp(join(tmpdir(), 'ipsz-first-form-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'ipsafezone-login.js'), 'import("./steps.js");');
  await writeFile(join(dist, 'assets', 'login-page.js'), SCRIPT);
  await writeFile(join(dist, FIRST_FORMS_FILE), JSON.stringify(renderFirstForms()));
});
after(async () => {
  await f.close();
  await rm(dist, { recursive: true, force: true });
});

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** `/login` from `address` (through a trusted proxy), decompressed. */
async function login(address: string, query = '', lang = 'en-US') {
  const app = new Hono<DoorEnv>();
  app.use(
    clientAddressMiddleware(
      createClientAddressResolver({ trustedProxies: ['127.0.0.1'], header: 'x-forwarded-for' }),
    ),
  );
  app.route(
    '/',
    loginPage({
      config: defaultConfig(),
      distDir: dist,
      metrics: createMetrics(),
      zoneDecision: {
        db: f.db,
        zones: createZoneMatcherSource(f.db, f.clock),
        settings: createSettingsSource(f.db),
      },
    }),
  );
  const res = await app.request(
    `/login${query}`,
    {
      headers: {
        'Accept-Encoding': 'br',
        'Accept-Language': lang,
        'X-Forwarded-For': address,
      },
    },
    { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
  );
  assert.equal(res.status, 200);
  const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
  const csp = res.headers.get('content-security-policy') ?? '';
  return { html, csp };
}

/** The element's markup and, split out, its declarative shadow root and light form. */
function element(html: string) {
  const el = /<ipsafezone-login [^>]*>([\s\S]*?)<\/ipsafezone-login>/.exec(html)?.[1] ?? '';
  const shadow = /^<template shadowrootmode="open">([\s\S]*?)<\/template>/.exec(el)?.[1];
  const form = /<form slot="form"[\s\S]*?<\/form>/.exec(el)?.[0];
  return { el, shadow, form };
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('GET /login with the first form rendered on the server', () => {
  it('inside: the password form in a declarative shadow root, the script after it', async () => {
    const { html, csp } = await login(INSIDE);
    const { shadow, form } = element(html);
    assert.ok(shadow, 'a declarative shadow root');
    assert.match(shadow, /^<style>[^<]+<\/style><div part="base" class="base" lang="en">/);
    assert.match(shadow, /<slot name="form"><\/slot>/);
    assert.match(
      text(shadow),
      /You are on the company network \(Office\)\. Sign in with your password\./,
    );
    assert.ok(form, 'the light-DOM form');
    assert.match(form, /<input [^>]*name="username" autocomplete="username"/);
    assert.match(
      form,
      /<input [^>]*type="password" name="password" autocomplete="current-password"/,
    );
    assert.doesNotMatch(form, /secSignId/);
    // Nothing can post it before the element runs (the server has no form POST at /login).
    assert.match(form, /<button class="ipsz-submit" type="submit" disabled>/);
    // The script is linked after the form shows, cached by content hash; nothing inline runs.
    assert.match(
      html,
      /<script type="module" src="\/assets\/login-page\.js\?v=[\w-]{27}"><\/script>/,
    );
    assert.doesNotMatch(html, /<script type="module">/);
    assert.match(csp, /script-src 'self';/);
    // Each inline style (page, light form, shadow root) is allowed by its hash, nothing else.
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 3);
    for (const style of styles) assert.ok(csp.includes(sha256(style)), 'style hash in the CSP');
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('outside: the SecSign ID form, in German when the browser asks for it', async () => {
    const { html } = await login(OUTSIDE, '', 'de-DE,de;q=0.9');
    const { shadow, form } = element(html);
    assert.match(html, /<html lang="de">/);
    assert.match(
      text(shadow ?? ''),
      /Sie sind außerhalb des Firmennetzes \(203\.0\.113\.7\)\. Bestätigen Sie mit Ihrer SecSign ID\./,
    );
    assert.ok(form, 'the light-DOM form');
    assert.match(form, /lang="de"/);
    assert.match(form, /<input [^>]*name="secSignId" autocomplete="username"/);
    assert.doesNotMatch(form, /name="password"/);
    assert.match(text(form), /SecSign ID .*Weiter/);
  });

  it('outside under two-step authentication: the password first', async () => {
    await f.settings({ twoStepActive: true });
    try {
      const { html } = await login(OUTSIDE);
      const { shadow, form } = element(html);
      assert.match(text(shadow ?? ''), /Sign in with your password, then confirm/);
      assert.match(form ?? '', /name="password"/);
    } finally {
      await f.settings({ twoStepActive: false });
    }
  });

  it('prefills an OpenID Connect login_hint, escaped', async () => {
    const { html } = await login(INSIDE, `?login_hint=${encodeURIComponent('a"><b>&')}`);
    const { form } = element(html);
    assert.match(form ?? '', /name="username" [^>]*value="a&quot;&gt;&lt;b&gt;&amp;"/);
    assert.doesNotMatch(html, /"><b>/);
  });

  it('keeps the no-JavaScript note beside the form', async () => {
    const { el } = element((await login(INSIDE)).html);
    assert.match(el, /<\/form><noscript slot="form"><p>The sign-in form could not start: /);
  });

  it('renders no form where the element starts with the choice of factors', () => {
    // Mode 2fa where SecSign ID does not count: the element's first step is the choice.
    const zone: ZoneInfo = {
      clientIp: OUTSIDE,
      inside: false,
      zone: null,
      active: true,
      mode: '2fa',
      requires: 'second-factor',
      reason: '',
      factors: [{ factor: 'passkey', withPassword: false }],
    };
    const forms = renderFirstForms();
    assert.equal(firstForm(forms, 'en', zone, ''), null);
    const withSecSign = [{ factor: 'secsign' as const, withPassword: false }, ...zone.factors];
    assert.match(
      firstForm(forms, 'en', { ...zone, factors: withSecSign }, '')?.form ?? '',
      /secSignId/,
    );
  });
});
