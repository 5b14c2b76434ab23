/**
 * The step chunk: what the element needs only once the backend has answered — the light-DOM forms
 * and their style sheet, the second-factor choices, the notice of changed sign-in methods after
 * signing in — and the seats of the factor views (factors/, each a chunk of its own) in them.
 * Loaded (a chunk of the build of its own) together with the first `/api/zone` answer, so the first
 * bundle stays within its size budget; when it cannot load, the element shows "cannot reach the
 * server" and a retry, like any failed start. Pure functions of a `StepView`.
 */
import { html, nothing } from 'lit';
import { renderFactorChanges } from './factor-changes.js';
import { enrolPrompt } from './enrol-loader.js';
import { formText } from './form-text.js';
import { otherChoices, otherWays } from './login-state.js';
import { renderAnotherWay, renderChoices } from './render-factors.js';
import { renderForm } from './render-forms.js';
import type { StepView } from './step-view.js';

export { lightStyles } from './light-form.styles.js';
export { transition } from './login-machine.js';
export { noticeText } from './notice-text.js';
export { runEffect, store } from './login-effects.js';

/** "Use another way" inside the SecSign ID form (mode `2fa`, before the password): light DOM. */
function anotherWayLink(v: StepView) {
  if (otherWays(v.state).length === 0) return nothing;
  return html`<button
    class="ipsz-link"
    type="button"
    @click=${() => v.send({ type: 'another-way' })}
  >
    ${v.t.anotherWay}
  </button>`;
}

/** The light-DOM form of the step: password, SecSign ID, or the code factor's own. */
export function renderLight(v: StepView) {
  const { t, state, send } = v;
  const step = state.step;
  if (step.kind === 'code') return v.views[step.factor]?.form?.(v) ?? nothing;
  if (step.kind !== 'password' && step.kind !== 'secsign-id') return nothing;
  const pw = step.kind === 'password';
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const remember = data.has('remember');
    const name = formText(data, pw ? 'username' : 'secSignId').trim();
    if (pw)
      send({
        type: 'submit-password',
        username: name,
        password: formText(data, 'password'),
        remember,
      });
    else send({ type: 'submit-secsign', id: name, remember });
  };
  return renderForm({
    t,
    kind: step.kind,
    disabled: v.disabled,
    value: v.prefill,
    id: v.id,
    error: v.notice?.field ? v.notice.text : '',
    showPassword: state.showPassword,
    remember: state.remember,
    onSubmit,
    onInput: (e) => {
      const input = e.target as HTMLInputElement;
      if (input.autocomplete === 'username') send({ type: 'input', value: input.value });
    },
    onShowPassword: (e) =>
      send({ type: 'show-password', on: (e.target as HTMLInputElement).checked }),
    extra: pw
      ? nothing
      : html`${Object.values(v.views).map((f) => f?.extra?.(v) ?? nothing)}${anotherWayLink(v)}`,
  });
}

/** The shadow-DOM panel of the later steps: the wait, the choices, the notice after signing in. */
export function renderPanel(v: StepView) {
  const { t, state, send } = v;
  const step = state.step;
  switch (step.kind) {
    case 'pending':
      return html`${v.views[step.pending.factor]?.panel?.(v) ?? nothing}${renderAnotherWay(
        t,
        otherWays(state).length > 0,
        () => send({ type: 'another-way' }),
      )}`;
    case 'choose':
      return renderChoices(
        t,
        otherChoices(step.factors, null, state.ceremonies),
        (factor) => v.views[factor]?.words(t.code).name ?? factor,
        (factor) => send({ type: 'choose', factor }),
      );
    case 'signed-in':
      return renderFactorChanges(t.code, v.server, step.changes, () => send({ type: 'continue' }));
    case 'enrol':
      return enrolPrompt()?.renderEnrolPrompt(v) ?? nothing;
    default:
      return nothing;
  }
}
