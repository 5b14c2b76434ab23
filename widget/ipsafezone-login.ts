/**
 * The widget's entry point and build input: defines `<ipsafezone-login>` (once, so loading the
 * script twice is harmless) and declares the tag for TypeScript. Re-exports the class and events.
 */
import { IpsafezoneLogin } from './ipsafezone-login.component.js';

export { IpsafezoneLogin } from './ipsafezone-login.component.js';
export type { LoginStep } from './ipsafezone-login.component.js';
export * from './events.js';
export type * from './api-types.js';

if (!customElements.get('ipsafezone-login')) {
  customElements.define('ipsafezone-login', IpsafezoneLogin);
}

declare global {
  interface HTMLElementTagNameMap {
    'ipsafezone-login': IpsafezoneLogin;
  }
}
