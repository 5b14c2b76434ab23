/**
 * "Sign in with a passkey" under the SecSign ID form (mode `2fa`, before any user name): one click
 * runs the passkey choice (its own lazily loaded chunk, `passkey-choice.ts`) without a user name —
 * the browser offers the passkeys it holds for this site. Shown only when the zone answer says a
 * passkey alone counts from here and the browser has WebAuthn. Part of the step chunk: the form's
 * extra content is this button followed by "Use another way" (factor-flow.ts).
 */
import { html, nothing } from 'lit';
import { loadPasskeyChoice } from './factor-choices.js';
import { formExtra as anotherWay, type FactorHost } from './factor-flow.js';

function passkeyButton(host: FactorHost) {
  const offered =
    host.current.kind === 'secsign-id' &&
    typeof PublicKeyCredential === 'function' &&
    !!host.zone?.factors?.some((o) => o.factor === 'passkey' && !o.withPassword);
  if (!offered) return nothing;
  const signIn = () =>
    void host.submit((signal) =>
      loadPasskeyChoice().then((c) =>
        c.signIn({ server: host.server, transaction: null, username: '', signal }),
      ),
    );
  return html`<button
    class="ipsz-submit ipsz-passkey"
    type="button"
    ?disabled=${host.busy}
    @click=${signIn}
  >
    ${host.terms.passkey}
  </button>`;
}

/** The SecSign ID form's extra content: the passkey button, then "Use another way". */
export function formExtra(host: FactorHost) {
  return html`${passkeyButton(host)}${anotherWay(host)}`;
}
