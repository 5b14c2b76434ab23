/**
 * Design tokens shared by `<ipsafezone-login>` and the admin and profile elements: every colour and
 * size behind an `--ipsafezone-*` custom property (Atlassian-like defaults: 3px radius, #0052CC),
 * dark colours under `prefers-color-scheme: dark`, and the waiting spinner, which stands still
 * under `prefers-reduced-motion`. One theme set on the page styles all of them.
 */
import { css } from 'lit';

export const tokenStyles = css`
  :host {
    --_primary: var(--ipsafezone-primary, #0052cc);
    --_on-primary: var(--ipsafezone-on-primary, #fff);
    --_text: var(--ipsafezone-text, #172b4d);
    --_subtle: var(--ipsafezone-subtle-text, #5e6c84);
    --_bg: var(--ipsafezone-background, #fff);
    --_input-bg: var(--ipsafezone-input-background, #fafbfc);
    --_border: var(--ipsafezone-border, #dfe1e6);
    --_focus: var(--ipsafezone-focus, #4c9aff);
    --_danger: var(--ipsafezone-danger, #de350b);
    --_radius: var(--ipsafezone-radius, 3px);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--ipsafezone-primary, #579dff);
      --_on-primary: var(--ipsafezone-on-primary, #1d2125);
      --_text: var(--ipsafezone-text, #b6c2cf);
      --_subtle: var(--ipsafezone-subtle-text, #9fadbc);
      --_bg: var(--ipsafezone-background, #22272b);
      --_input-bg: var(--ipsafezone-input-background, #1d2125);
      --_border: var(--ipsafezone-border, #454f59);
      --_danger: var(--ipsafezone-danger, #f87168);
    }
  }
  .spinner {
    width: 16px;
    height: 16px;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
