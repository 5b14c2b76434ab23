/**
 * The light-DOM form's style sheet (see render-forms.ts), adopted by whatever root holds the
 * element and styled by the tag name. It uses the private `--_*` variables the host defines
 * (tokens.styles.ts), so both halves follow the same theme; font and colour are inherited from the
 * shadow root (a slotted node inherits from its slot). The page's CSS reaches the light-DOM form,
 * so every property it needs has a value of its own, and what keeps it usable (display, visibility,
 * input width, font size) is also set `!important` inside the cascade layer `ipsafezone-guard`: a
 * layered `!important` outranks every unlayered rule of the page, `!important` ones included.
 */
import { css } from 'lit';

export const lightStyles = css`
  @layer ipsafezone-guard {
    ipsafezone-login:not([hidden]) {
      display: block !important;
      visibility: visible !important;
      font-size: var(--ipsafezone-font-size, 14px) !important;
    }
    ipsafezone-login .ipsz-form,
    ipsafezone-login .ipsz-field {
      display: grid !important;
      visibility: visible !important;
      font-size: 12px !important;
    }
    ipsafezone-login .ipsz-check {
      display: flex !important;
      visibility: visible !important;
      font-size: var(--ipsafezone-font-size, 14px) !important;
    }
    ipsafezone-login .ipsz-label,
    ipsafezone-login .ipsz-check span {
      display: inline !important;
      visibility: visible !important;
      font-size: inherit !important;
    }
    ipsafezone-login .ipsz-input,
    ipsafezone-login .ipsz-submit {
      display: block !important;
      visibility: visible !important;
      width: 100% !important;
      font-size: var(--ipsafezone-font-size, 14px) !important;
    }
    ipsafezone-login .ipsz-check input {
      display: inline-block !important;
      visibility: visible !important;
    }
  }
  :where(ipsafezone-login) :is(.ipsz-form, .ipsz-field, .ipsz-label, .ipsz-check, .ipsz-check *) {
    float: none;
    position: static;
    margin: 0;
    padding: 0;
    border: 0;
    color: inherit;
    background: none;
    font-family: inherit;
    text-transform: none;
    letter-spacing: normal;
    text-align: start;
    opacity: 1;
  }
  :where(ipsafezone-login) .ipsz-form {
    gap: 16px;
    width: auto;
    max-width: none;
    color: var(--_text);
  }
  :where(ipsafezone-login) .ipsz-field {
    gap: 4px;
    color: var(--_subtle);
    font-weight: 600;
    line-height: 1.33;
  }
  :where(ipsafezone-login) .ipsz-check {
    align-items: center;
    gap: 8px;
    line-height: 1.43;
    cursor: pointer;
  }
  :where(ipsafezone-login) .ipsz-check input {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--_primary);
  }
  :where(ipsafezone-login) .ipsz-form .ipsz-check + .ipsz-check {
    margin-top: -8px;
  }
  :where(ipsafezone-login) .ipsz-error {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :where(ipsafezone-login) .ipsz-input {
    box-sizing: border-box;
    float: none;
    position: static;
    height: auto;
    max-width: none;
    min-height: 40px;
    margin: 0;
    padding: 6px 8px;
    color: var(--_text);
    background: var(--_input-bg);
    border: 2px solid var(--_input-border);
    border-radius: var(--_radius);
    box-shadow: none;
    font-family: inherit;
    font-weight: 400;
    line-height: 1.43;
    text-transform: none;
    letter-spacing: normal;
    opacity: 1;
  }
  :where(ipsafezone-login) .ipsz-input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  :where(ipsafezone-login) .ipsz-input:focus {
    outline: none;
    border-color: var(--_focus);
    background: var(--_bg);
  }
  :where(ipsafezone-login) .ipsz-submit {
    box-sizing: border-box;
    float: none;
    position: static;
    height: auto;
    min-height: 40px;
    margin: 0;
    padding: 4px 12px;
    border: 0;
    border-radius: var(--_radius);
    color: var(--_on-primary);
    background: var(--_primary);
    box-shadow: none;
    font-family: inherit;
    font-weight: 500;
    line-height: 1.43;
    text-align: center;
    text-transform: none;
    letter-spacing: normal;
    opacity: 1;
    cursor: pointer;
  }
  :where(ipsafezone-login) .ipsz-submit:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #fff);
  }
  :where(ipsafezone-login) :is(.ipsz-submit, .ipsz-check input):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* "Use another way" under the SecSign ID form (factor-flow.ts): a button that reads as a link. */
  :where(ipsafezone-login) .ipsz-link {
    justify-self: start;
    margin: 0;
    padding: 4px 0;
    border: 0;
    color: var(--_primary);
    background: none;
    font: inherit;
    font-size: var(--ipsafezone-font-size, 14px);
    text-decoration: underline;
    cursor: pointer;
  }
  :where(ipsafezone-login) .ipsz-link:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  :where(ipsafezone-login) .ipsz-submit:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;
