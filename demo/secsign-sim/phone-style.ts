/**
 * The simulated phone app's stylesheet, served as `…/phone/style.css` (the pages' CSP forbids
 * inline styles). A single narrow column sized for a phone screen, large touch targets.
 */
export const PHONE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #eef1f5; }
body { margin: 0 auto; max-width: 28rem; min-height: 100vh; background: #fff; padding-bottom: 2rem; }
.bar { display: flex; align-items: center; justify-content: space-between; padding: 0.9rem 1rem; background: #0b4f8a; color: #fff; }
.brand { font-weight: 700; font-size: 1.1rem; }
.tag { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; border: 1px solid #fff; border-radius: 999px; padding: 0.1rem 0.55rem; }
.warning { margin: 0; padding: 0.7rem 1rem; background: #fff4d6; border-bottom: 2px solid #e0a800; color: #5c4300; font-size: 0.9rem; }
main { padding: 1rem; }
h1 { font-size: 1.3rem; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.05rem; margin: 1.4rem 0 0.6rem; }
.card { border: 1px solid #d5dbe3; border-radius: 0.7rem; padding: 0.9rem; background: #fafbfc; }
.id-form { display: grid; gap: 0.5rem; }
label { font-weight: 600; }
input { font: inherit; padding: 0.6rem 0.7rem; border: 1px solid #9aa5b1; border-radius: 0.45rem; }
button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1rem; border-radius: 0.45rem; border: 1px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #e0a800; outline-offset: 2px; }
.requests { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.7rem; }
.request { display: grid; grid-template-columns: 1fr auto; gap: 0.2rem 0.8rem; align-items: center; }
.request .service { font-weight: 700; }
.request .address { grid-column: 1; color: #52606d; font-size: 0.9rem; overflow-wrap: anywhere; }
.request .left { grid-column: 2; grid-row: 1; color: #52606d; font-size: 0.85rem; }
.request form { grid-column: 1 / -1; margin-top: 0.4rem; }
.request form button { width: 100%; }
.empty, .hint { color: #52606d; }
.details { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 0.8rem; margin: 0 0 1rem; }
.details dt { font-weight: 600; color: #52606d; }
.details dd { margin: 0; overflow-wrap: anywhere; }
.symbols { display: grid; grid-template-columns: repeat(2, 1fr); gap: 0.8rem; margin-bottom: 1rem; }
button.symbol { display: flex; align-items: center; justify-content: center; min-height: 7.5rem; background: #fff; border: 2px solid #c3cad3; }
button.symbol:hover { border-color: #0b4f8a; }
button.symbol img { display: block; width: 88px; height: 88px; }
button.accept { width: 100%; margin-bottom: 0.8rem; background: #1a7f37; border-color: #1a7f37; }
button.deny { width: 100%; background: #fff; color: #b42318; border-color: #b42318; }
.notice { padding: 0.8rem; border-radius: 0.5rem; background: #fde8e7; color: #8a1c13; }
.result { font-size: 1.15rem; font-weight: 600; padding: 1rem; border-radius: 0.6rem; }
.result.ok { background: #e3f5e8; color: #14532d; }
.result.no { background: #fde8e7; color: #8a1c13; }
a { color: #0b4f8a; }
.refresh { display: inline-block; padding: 0.6rem 0; }
`;
