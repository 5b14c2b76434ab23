/**
 * The look of `<ipsafezone-login>`: Atlassian Design System defaults (3px radius, #0052CC primary,
 * 14px system font), every colour and size behind an `--ipsafezone-*` custom property, dark colours
 * under `prefers-color-scheme: dark` and no animation under `prefers-reduced-motion`.
 *
 * Hover and message backgrounds are mixed from those colours (`color-mix`), so a theme sets few.
 *
 * Two sheets: `shadowStyles` for the element's shadow root, and `lightStyles` for the form, which is
 * rendered into light DOM (so password managers find it) and styled by the tag name. `lightStyles`
 * uses the private `--_*` variables the host defines, so both halves follow the same theme.
 */
import { css } from 'lit';
import { tokenStyles } from './tokens.styles.js';

export const shadowStyles = css`
  ${tokenStyles}
  :host {
    display: block;
    max-width: var(--ipsafezone-max-width, 400px);
    color: var(--_text);
    font: var(--ipsafezone-font-size, 14px) / 1.43 var(--ipsafezone-font, system-ui, sans-serif);
  }
  .base {
    display: grid;
    gap: 16px;
    padding: var(--ipsafezone-padding, clamp(16px, 5vw, 24px));
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: var(
      --ipsafezone-shadow,
      0 0 1px rgba(9, 30, 66, 0.31),
      0 4px 8px -2px rgba(9, 30, 66, 0.25)
    );
  }
  p {
    margin: 0;
  }
  .status {
    display: none;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_primary) 14%, var(--_bg));
  }
  .status.show {
    display: block;
  }
  .status.error {
    background: color-mix(in srgb, var(--_danger) 14%, var(--_bg));
    border-left: 4px solid var(--_danger);
  }
  .pass {
    display: grid;
    gap: 12px;
    justify-items: center;
    text-align: center;
  }
  .pass img {
    width: 88px;
    height: 88px;
    background: #fff;
  }
  .wait {
    display: flex;
    justify-content: center;
    gap: 8px;
    align-items: center;
    color: var(--_subtle);
  }
  .button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 32px;
    padding: 4px 12px;
    border: 0;
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 500;
    text-decoration: none;
    cursor: pointer;
    color: var(--_text);
    background: var(--_border);
  }
  .primary {
    color: var(--_on-primary);
    background: var(--_primary);
  }
  .primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #fff);
  }
  .button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;

export const lightStyles = css`
  :where(ipsafezone-login) .ipsz-form {
    display: grid;
    gap: 16px;
    margin: 0;
  }
  :where(ipsafezone-login) .ipsz-field {
    display: grid;
    gap: 4px;
    color: var(--_subtle);
    font-size: 12px;
    font-weight: 600;
  }
  :where(ipsafezone-login) .ipsz-input {
    box-sizing: border-box;
    width: 100%;
    min-height: 40px;
    margin: 0;
    padding: 6px 8px;
    color: var(--_text);
    background: var(--_input-bg);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    font-size: var(--ipsafezone-font-size, 14px);
    font-weight: 400;
  }
  :where(ipsafezone-login) .ipsz-input:focus {
    outline: none;
    border-color: var(--_focus);
    background: var(--_bg);
  }
  :where(ipsafezone-login) .ipsz-submit {
    min-height: 40px;
    padding: 4px 12px;
    border: 0;
    border-radius: var(--_radius);
    color: var(--_on-primary);
    background: var(--_primary);
    font: inherit;
    font-weight: 500;
    cursor: pointer;
  }
  :where(ipsafezone-login) .ipsz-submit:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #fff);
  }
  :where(ipsafezone-login) .ipsz-submit:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  :where(ipsafezone-login) .ipsz-submit:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;
