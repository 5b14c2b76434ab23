/**
 * The look of the admin and profile elements: the widget's `--ipsafezone-*` tokens and defaults
 * (Atlassian-like, 3px radius, #0052CC, light or dark by `color-scheme`), plus what a
 * management page needs — cards, tables that scroll sideways below 600 px, forms, tabs.
 */
import { css } from 'lit';
import { tokenStyles } from '../widget/tokens.styles.js';

export const pageStyles = css`
  ${tokenStyles}
  :host {
    --_warn: #ff8b00;
    --_ok: #00875a;
    display: block;
    color: var(--_text);
    font: var(--ipsafezone-font-size, 14px) / 1.43 var(--ipsafezone-font, system-ui, sans-serif);
  }
  * {
    box-sizing: border-box;
  }
  h2 {
    font-size: 20px;
    font-weight: 500;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 16px;
    font-weight: 600;
    margin: 16px 0 8px;
  }
  p {
    margin: 0 0 8px;
  }
  .card {
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow:
      0 0 1px rgba(9, 30, 66, 0.31),
      0 1px 3px rgba(9, 30, 66, 0.2);
    padding: clamp(12px, 4vw, 24px);
    margin-bottom: 16px;
  }
  .hint,
  .muted {
    color: var(--_subtle);
    font-size: 12px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: end;
  }
  .grid {
    display: grid;
    gap: 12px;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr));
  }
  label.field {
    display: grid;
    gap: 4px;
    color: var(--_subtle);
    font-size: 12px;
    font-weight: 600;
    min-width: 0;
  }
  label.check {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    font-weight: 500;
    padding: 4px 0;
  }
  label.check input {
    width: 18px;
    height: 18px;
    margin: 1px 0 0;
    flex: none;
  }
  input:not([type='checkbox']),
  select {
    width: 100%;
    min-height: 36px;
    padding: 4px 8px;
    color: var(--_text);
    background: var(--_input-bg);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 400;
  }
  input:focus,
  select:focus {
    outline: none;
    border-color: var(--_focus);
    background: var(--_bg);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-weight: 500;
  }
  .saved {
    color: light-dark(#006644, #7ee2b8);
    font-weight: 500;
  }
  button,
  a.button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 36px;
    padding: 4px 12px;
    border: 0;
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 500;
    color: var(--_text);
    background: color-mix(in srgb, var(--_border) 70%, var(--_bg));
    cursor: pointer;
    text-decoration: none;
  }
  button:hover,
  a.button:hover {
    background: var(--_border);
  }
  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
  }
  button.primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #fff);
  }
  button.danger {
    color: #fff;
    background: var(--_danger);
  }
  button.link {
    background: none;
    color: var(--_primary);
    padding: 0 4px;
    min-height: 0;
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  a:focus-visible,
  [role='tab']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_primary);
  }
  .msg {
    padding: 8px 12px;
    border-radius: var(--_radius);
    margin: 8px 0;
    background: color-mix(in srgb, var(--_primary) 12%, var(--_bg));
  }
  .msg.error {
    background: color-mix(in srgb, var(--_danger) 12%, var(--_bg));
    border-left: 4px solid var(--_danger);
  }
  .msg.warn {
    background: color-mix(in srgb, var(--_warn) 14%, var(--_bg));
    border-left: 4px solid var(--_warn);
  }
  .msg.ok {
    background: color-mix(in srgb, var(--_ok) 12%, var(--_bg));
    border-left: 4px solid var(--_ok);
  }
  .busy {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    color: var(--_subtle);
  }
  /* Positioned, so that absolutely placed content (the .sr-only headings) scrolls and clips with
     the table instead of widening the page. */
  .table-wrap {
    position: relative;
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    color: var(--_subtle);
    font-size: 12px;
    font-weight: 600;
  }
  code {
    font-size: 13px;
    overflow-wrap: anywhere;
  }
  /* An address never breaks in the middle (not even an IPv6 address after a colon); a range breaks
     only around its dash, and a table too wide for a phone scrolls sideways in .table-wrap. */
  .addr {
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .badge {
    display: inline-block;
    padding: 0 6px;
    border-radius: var(--_radius);
    font-size: 12px;
    font-weight: 600;
    background: var(--_border);
  }
  .badge.on {
    background: color-mix(in srgb, var(--_ok) 25%, var(--_bg));
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 12px 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  .grow {
    flex: 1 1 200px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
