/**
 * The login page's own script (`dist/assets/login-page.js`, one module, built by
 * `IPSAFEZONE_WIDGET_BUILD=inline vite build`; server/pages/login-page.ts): the widget with its lazily loaded
 * parts inlined, plus the hand-over from the form the server rendered (take-over.ts). Importing
 * the widget defines `<ipsafezone-login>`, which upgrades the page's element at once; its first
 * render comes in a later microtask, so the watch set up below sees it.
 */
import '../widget/ipsafezone-login.js';
import { takeOverFirstForm } from './take-over.js';

for (const host of document.querySelectorAll<HTMLElement>('ipsafezone-login')) {
  takeOverFirstForm(host);
}
