/**
 * Design tokens shared by `<ipsafezone-login>` and the admin and profile elements: every colour and
 * size behind an `--ipsafezone-*` custom property, then Atlassian's design tokens (`--ds-*`, which
 * Jira and Confluence define for their own light or dark mode), then built-in light and dark
 * colours chosen by `light-dark()` — so they follow the element's `color-scheme` (the system
 * setting unless the page says otherwise). Text on the primary colour is white or black, whichever
 * contrasts more with it, unless `--ipsafezone-on-primary` names one. Input edges take Atlassian's
 * input border token (`--ds-border-input`, 3:1 against the card), not its faint `--ds-border`,
 * which is meant for dividers. The waiting spinner stands still under `prefers-reduced-motion`.
 * One theme set on the page styles all of them.
 */
import { css } from 'lit';

export const tokenStyles = css`
  :host {
    color-scheme: light dark;
    --_primary: var(
      --ipsafezone-primary,
      var(--ds-background-brand-bold, light-dark(#0052cc, #579dff))
    );
    --_on-primary: var(
      --ipsafezone-on-primary,
      oklch(from var(--_primary) clamp(0, (0.56 - l) * 1000, 1) 0 0)
    );
    --_text: var(--ipsafezone-text, var(--ds-text, light-dark(#172b4d, #b6c2cf)));
    --_subtle: var(--ipsafezone-subtle-text, var(--ds-text-subtle, light-dark(#5e6c84, #9fadbc)));
    --_bg: var(--ipsafezone-background, var(--ds-surface-raised, light-dark(#fff, #22272b)));
    --_input-bg: var(
      --ipsafezone-input-background,
      var(--ds-background-input, light-dark(#fafbfc, #1d2125))
    );
    --_border: var(--ipsafezone-border, var(--ds-border, light-dark(#dfe1e6, #454f59)));
    --_input-border: var(--ipsafezone-border, var(--ds-border-input, light-dark(#8590a2, #738496)));
    --_focus: var(--ipsafezone-focus, var(--ds-border-focused, #4c9aff));
    --_danger: var(--ipsafezone-danger, var(--ds-border-danger, light-dark(#de350b, #f87168)));
    --_radius: var(--ipsafezone-radius, 3px);
  }
  :host([data-scheme='light']) {
    color-scheme: light;
  }
  :host([data-scheme='dark']) {
    color-scheme: dark;
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
