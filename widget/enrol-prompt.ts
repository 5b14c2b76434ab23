/**
 * The enrolment prompt after a password sign-in inside the zone (issue 27 §4): the user has no
 * second factor that counts outside, and the enrolment campaign asks for one — "Set up a second
 * factor — by <date> it will be required", with "Set it up now" (the profile's second factors) and
 * "Later" only until the deadline; after it the prompt says the factor is required now, and the
 * session can do nothing else. A first factor waiting for an administrator's approval is said so.
 * A chunk of its own (enrol-loader.ts), with its words in English and German. A labelled region:
 * its heading names it, its text describes the focused first button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StepView } from './step-view.js';

const WORDS = {
  en: {
    heading: 'Set up a second factor',
    soon: (by: string) =>
      `By ${by} it will be required: outside the office your password alone will not be enough. It takes a minute — an authenticator app, a passkey or your SecSign ID.`,
    now: (by: string) =>
      `A second factor has been required since ${by}. Until you set one up, you can only do that.`,
    waiting:
      'Your second factor is waiting for approval by an administrator. It counts once they approve it.',
    setUp: 'Set it up now',
    later: 'Later',
  },
  de: {
    heading: 'Zweiten Faktor einrichten',
    soon: (by: string) =>
      `Ab ${by} ist er Pflicht: Außerhalb des Büros genügt Ihr Passwort allein dann nicht mehr. Es dauert eine Minute – eine Authenticator-App, ein Passkey oder Ihre SecSign ID.`,
    now: (by: string) =>
      `Seit ${by} ist ein zweiter Faktor Pflicht. Bis Sie einen eingerichtet haben, können Sie nur das tun.`,
    waiting:
      'Ihr zweiter Faktor wartet auf die Freigabe durch einen Administrator. Er zählt, sobald er freigegeben ist.',
    setUp: 'Jetzt einrichten',
    later: 'Später',
  },
};

/** The words for `lang` (`de…` German, else English). */
export const promptWords = (lang: string) => (lang.startsWith('de') ? WORDS.de : WORDS.en);

/** The prompt for the machine's `enrol` step. */
export function renderEnrolPrompt(v: StepView): TemplateResult | typeof nothing {
  const step = v.state.step;
  if (step.kind !== 'enrol') return nothing;
  const { enrol } = step;
  const w = promptWords(v.t.code);
  const by = new Date(enrol.by).toLocaleDateString(v.t.code, { dateStyle: 'long' });
  const id = `${v.id}-enrol`;
  const later = !enrol.required && v.now < Date.parse(enrol.by);
  return html`<section part="enrol-prompt" class="changes" role="region" aria-labelledby="${id}-h">
    <p id="${id}-h"><strong>${w.heading}</strong></p>
    <p id="${id}-d">${enrol.required ? w.now(by) : w.soon(by)}</p>
    ${enrol.waiting ? html`<p part="enrol-waiting">${w.waiting}</p>` : nothing}
    <p class="row">
      <button
        part="button enrol-button"
        class="button primary"
        type="button"
        aria-describedby="${id}-d"
        @click=${() => v.send({ type: 'enrol-now' })}
      >
        ${w.setUp}
      </button>
      ${
        later
          ? html`<button
              part="button later-button"
              class="button"
              type="button"
              @click=${() => v.send({ type: 'enrol-later' })}
            >
              ${w.later}
            </button>`
          : nothing
      }
    </p>
  </section>`;
}
