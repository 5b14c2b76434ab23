/**
 * The live region's words for the machine's notice (login-types.ts `Notice`), in the page's
 * language: errors through `errorNotice` (login-view.ts, in the first bundle), the hints of the
 * later steps here, in the step chunk — and, with no notice, the waiting step's instruction.
 */
import type { LoginState } from './login-types.js';
import { errorNotice } from './login-view.js';
import type { FactorViews, ShownNotice } from './step-view.js';
import type { Terms } from './terms.js';

const info = (text: string): ShownNotice => ({ text, error: false, field: false, ref: '' });

/** The notice's words; a factor's own hints come from its view (`views`). */
export function noticeText(t: Terms, s: LoginState, views: FactorViews): ShownNotice | null {
  const n = s.notice;
  if (!n) {
    if (s.step.kind !== 'pending') return null;
    // The instruction of the waiting step, in the words of the factor waited for.
    const p = s.step.pending;
    return info(views[p.factor]?.waiting?.(t, p) ?? '');
  }
  switch (n.kind) {
    case 'error':
      return errorNotice(t, n.error);
    case 'choose':
      return info(t.chooseHint);
    case 'still-trying':
      return info(t.stillTrying);
    case 'canceled':
      return info(t.canceled);
    case 'code':
      return info(views[n.factor]?.words(t.code).hint ?? '');
    case 'signed-in': {
      const words = views.recovery_code?.words(t.code);
      const left = n.recoveryLeft === undefined ? '' : ` ${words?.left?.(n.recoveryLeft) ?? ''}`;
      return info(`${t.signedIn(n.name)}${left}`);
    }
  }
}
