/**
 * The first form of `/login` rendered on the server, so it shows with the HTML itself instead of
 * after the widget's script (issue 25, part 4; docs/performance.md). The build renders the
 * widget's own markup once per language and form (login-page/render-first-forms.ts →
 * `dist/login-first-forms.json`); per request this picks the form the element would show for this
 * request's zone answer and fills in the statement and the prefilled name, escaped. The element's
 * shadow root travels as declarative shadow DOM (`<template shadowrootmode="open">`), its style
 * sheet inside it and the light form's sheet in the head, each allowed by its hash in the page's
 * CSP. The element takes over when its script runs (login-page/entry.ts keeps what was typed).
 *
 * Without the file (not built), or when the element would not start with a form (mode `2fa` where
 * SecSign ID does not count: the choice of factors comes first), the page renders nothing here
 * and the element draws its form itself, as before.
 */
import { join } from 'node:path';
import { loadStaticFile, type StaticFile } from '../http/static-files.js';
import type { ZoneInfo } from '../login/api-types.js';
import { esc, type PageLang } from '../platform/html.js';

export const FIRST_FORMS_FILE = 'login-first-forms.json';

/** Placeholders in the built markup and words, replaced per request. */
export const STATEMENT = '@@ipsz-statement@@';
export const VALUE = '@@ipsz-value@@';
export const PLACE = '@@ipsz-place@@';

/** What the build writes: markup and words per language, the element's two sheets. */
export interface FirstForms {
  version: 1;
  shadowCss: string;
  lightCss: string;
  langs: Record<
    PageLang,
    {
      /** The shadow root's markup around `<slot name="form">`, with `STATEMENT`. */
      card: string;
      /** The light-DOM `<form slot="form">` of each kind, with `VALUE`. */
      password: string;
      'secsign-id': string;
      /** The statement's parts (widget/terms-*.ts), `PLACE` for the zone or the address. */
      inside: string;
      outside: string;
      outsideUnknown: string;
      modePassword: string;
      mode2sa: string;
      mode2fa: string;
    }
  >;
}

const parsed = new WeakMap<StaticFile, FirstForms | null>();

/** The built forms from `distDir`, or null when they are not built or unreadable. */
export async function loadFirstForms(distDir: string): Promise<FirstForms | null> {
  const file = await loadStaticFile(join(distDir, FIRST_FORMS_FILE));
  if (!file) return null;
  let forms = parsed.get(file);
  if (forms === undefined) {
    try {
      const value = JSON.parse(Buffer.from(file.forms.identity).toString('utf8')) as FirstForms;
      forms = value.version === 1 ? value : null;
    } catch {
      forms = null;
    }
    parsed.set(file, forms);
  }
  return forms;
}

/** The rendered first form for this zone answer. */
export interface FirstForm {
  /** The shadow root's style sheet, to carry in a `<style>` at the start of `card`'s template. */
  shadowCss: string;
  /** The light form's style sheet, for the head. */
  lightCss: string;
  /** The shadow root's markup (to stand inside `<template shadowrootmode="open">`). */
  card: string;
  /** The light-DOM `<form slot="form">`, its submit button disabled until the element runs. */
  form: string;
}

/**
 * The form the element would start with for `zone` (its `startStep`: a SecSign ID form in mode
 * `2fa`, else user name and password), or null when it would start with something else.
 */
export function firstForm(
  forms: FirstForms,
  lang: PageLang,
  zone: ZoneInfo,
  value: string,
): FirstForm | null {
  const choiceFirst =
    zone.mode === '2fa' &&
    zone.factors.length > 0 &&
    !zone.factors.some((o) => o.factor === 'secsign');
  if (choiceFirst) return null;
  const w = forms.langs[lang];
  const kind = zone.mode === '2fa' ? 'secsign-id' : 'password';
  // The element's statement: where the user stands, then what to do.
  const place = (text: string, value: string) => text.replace(PLACE, () => value);
  const where = !zone.active
    ? ''
    : zone.inside
      ? place(w.inside, zone.zone ?? zone.clientIp ?? '')
      : zone.clientIp
        ? place(w.outside, zone.clientIp)
        : w.outsideUnknown;
  const what = zone.mode === '2fa' ? w.mode2fa : zone.mode === '2sa' ? w.mode2sa : w.modePassword;
  const statement = where ? `${where} ${what}` : what;
  return {
    shadowCss: forms.shadowCss,
    lightCss: forms.lightCss,
    card: w.card.replace(STATEMENT, () => esc(statement)),
    form: w[kind].replace(VALUE, () => esc(value)),
  };
}
