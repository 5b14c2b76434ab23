/**
 * Renders the login page's first forms for the server, at build time (`npm run build`'s
 * `first-forms` step, scripts/build.ts, writes them to `dist/login-first-forms.json`), so `/login` can send the form
 * inside its HTML — the element's shadow root as declarative shadow DOM plus its light-DOM
 * `<form>` — and the form shows before any script has arrived (issue 25, part 4). The markup is the widget's own: `renderForm`
 * (widget/render-forms.ts), the words of widget/terms-*.ts and the element's two style sheets,
 * rendered by Lit's `@lit-labs/ssr`; only the card around the form mirrors the element's
 * `render()` for a form step. What differs per request (the statement, the prefilled name) is a
 * placeholder the server fills in, escaped (server/pages/first-form.ts).
 *
 * The element does not hydrate this markup: when it starts it renders its own form, and the page's
 * script (login-page/entry.ts) carries over what was typed. So the Lit part markers are dropped,
 * and the submit button is disabled until then (a plain POST to /login has no route).
 */
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html, type TemplateResult } from 'lit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyCss } from '../vite.config.js';
import { shadowStyles } from '../widget/ipsafezone-login.styles.js';
import { lightStyles } from '../widget/light-form.styles.js';
import { renderForm } from '../widget/render-forms.js';
import { de } from '../widget/terms-de.js';
import { en } from '../widget/terms-en.js';
import type { Terms } from '../widget/terms.js';
import {
  FIRST_FORMS_FILE,
  PLACE,
  STATEMENT,
  VALUE,
  type FirstForms,
} from '../server/pages/first-form.js';

/** Markup without Lit's hydration markers, template indentation squeezed as the widget build does. */
function markup(template: TemplateResult): string {
  const out = collectResultSync(render(template))
    .replace(/<!--\/?lit-(part|node)[^>]*-->|<\?>/g, '')
    // Lit SSR writes a `.checked=${false}` binding as checked="false", which means checked; our
    // check boxes start unchecked.
    .replace(/ checked="false"/g, '')
    .replace(/\s*\n\s*/g, ' ');
  if (/ checked=/.test(out)) throw new Error(`a check box rendered as checked: ${out}`);
  return out;
}

const noop = () => undefined;

function form(t: Terms, kind: 'password' | 'secsign-id'): string {
  return markup(
    renderForm({
      t,
      kind,
      value: VALUE,
      disabled: true,
      id: 'ipsz-first',
      error: '',
      showPassword: false,
      remember: false,
      onSubmit: noop,
      onInput: noop,
      onShowPassword: noop,
    }),
  );
}

/**
 * The element's card on a form step (its `render()` with no notice and no links). Lit SSR renders
 * a `<slot>` only inside an element it renders itself: the slot goes in afterwards.
 */
function card(t: Terms): string {
  const slot = '@@ipsz-slot@@';
  return markup(
    html`<div part="base" class="base" lang=${t.code}>
      <p part="statement">${STATEMENT}</p>
      <div part="status" class="status" role="status" aria-live="polite"></div>
      ${slot}
    </div>`,
  ).replace(slot, '<slot name="form"></slot>');
}

function words(t: Terms): FirstForms['langs']['en'] {
  return {
    card: card(t),
    password: form(t, 'password'),
    'secsign-id': form(t, 'secsign-id'),
    inside: t.inside(PLACE),
    outside: t.outside(PLACE),
    outsideUnknown: t.outside(null),
    modePassword: t.modePassword,
    mode2sa: t.mode2sa,
    mode2fa: t.mode2fa,
  };
}

/** The first forms of both languages, as the build writes them (`writeFirstForms`). */
export function renderFirstForms(): FirstForms {
  const sheets = shadowStyles.cssText + lightStyles.cssText;
  if (/<\/style/i.test(sheets)) throw new Error('</style inside a style sheet');
  return {
    version: 1,
    shadowCss: minifyCss(shadowStyles.cssText),
    lightCss: minifyCss(lightStyles.cssText),
    langs: { en: words(en), de: words(de) },
  };
}

/** Writes the first forms into `distDir`; returns the file's path. */
export function writeFirstForms(distDir: string): string {
  mkdirSync(distDir, { recursive: true });
  const file = join(distDir, FIRST_FORMS_FILE);
  writeFileSync(file, JSON.stringify(renderFirstForms()));
  return file;
}
