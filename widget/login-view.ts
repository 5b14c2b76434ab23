/**
 * What `<ipsafezone-login>` says before the step chunk is in, and around every step: the
 * statement (where the user stands, what to do), the live region's words for an error (the other
 * notices are worded by the step chunk, notice-text.ts), the help and forgot-password links. Pure
 * functions of plain arguments, in the first bundle.
 */
import { html, nothing } from 'lit';
import type { ZoneInfo } from './api-types.js';
import type { LoginError, LoginStep } from './login-types.js';
import type { ShownNotice } from './step-view.js';
import { errorText, type Terms } from './terms.js';

/** Errors that say the typed fields are wrong: the fields get `aria-invalid` and the text. */
const FIELD = /^(invalid_credentials|invalid_input|secsign_no_such_id|no_secsign_id|no_account)$/;

/** The live region's words for an error (also before the step chunk is in: unreachable). */
export function errorNotice(t: Terms, e: LoginError): ShownNotice {
  const text =
    e.code === 'too_many_attempts'
      ? t.lockedOut(Math.ceil((e.retryAfterSeconds || 60) / 60))
      : (errorText(t, e.code) ?? e.message);
  return { text, error: true, field: FIELD.test(e.code), ref: e.requestId };
}

/** Where the user stands and what to do; on the factor steps the live region says what to do. */
export function statement(t: Terms, z: ZoneInfo | null, kind: LoginStep): string {
  if (!z) return kind === 'loading' ? t.loading : '';
  const where = !z.active
    ? ''
    : z.inside
      ? t.inside(z.zone ?? z.clientIp ?? '')
      : t.outside(z.clientIp);
  // The mode's sentence would name SecSign; once signed in there is nothing left to do.
  const what =
    kind === 'code' || kind === 'choose' || kind === 'signed-in' || kind === 'enrol'
      ? ''
      : z.mode === '2fa'
        ? t.mode2fa
        : z.mode === '2sa'
          ? t.mode2sa
          : t.modePassword;
  return where && what ? `${where} ${what}` : where || what;
}

/** Only a web or mail address (or a path on this site) becomes a help link. */
const safeHref = (u: string) => (/^(https?:\/\/|mailto:|\/(?!\/))/i.test(u) ? u : '');

/**
 * The help and forgot-password links, or the integrator's slotted content (`slotted(name)`: the
 * element has a child for that slot).
 */
export function renderLinks(
  t: Terms,
  kind: LoginStep,
  hrefs: { help: string; forgot: string },
  slotted: (name: string) => boolean,
) {
  if (kind === 'loading' || kind === 'signed-in' || kind === 'pending' || kind === 'enrol')
    return nothing;
  const link = (href: string, label: string) =>
    safeHref(href) ? html`<a href=${safeHref(href)}>${label}</a>` : nothing;
  const forgot = kind === 'password' && (hrefs.forgot || slotted('forgot'));
  if (!forgot && !hrefs.help && !slotted('help')) return nothing;
  return html`<p part="links" class="links">
    ${forgot ? html`<slot name="forgot">${link(hrefs.forgot, t.forgot)}</slot>` : nothing}
    <slot name="help">${link(hrefs.help, t.help)}</slot>
  </p>`;
}
