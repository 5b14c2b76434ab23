/**
 * The look of `<ipsafezone-login>`: Atlassian Design System defaults (3px radius, #0052CC primary,
 * 14px system font), every colour and size behind an `--ipsafezone-*` custom property (see
 * tokens.styles.ts for the light/dark and Atlassian-token fallbacks) and no animation under
 * `prefers-reduced-motion`.
 *
 * Hover and message backgrounds are mixed from those colours (`color-mix`), so a theme sets few.
 *
 * This is the shadow root's sheet; the light-DOM form has its own (light-form.styles.ts).
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
  .button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .row,
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: center;
  }
  .links {
    justify-content: space-between;
  }
  a {
    color: var(--_primary);
  }
  small {
    display: block;
    color: var(--_subtle);
  }
`;
