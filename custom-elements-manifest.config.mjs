// Generates custom-elements.json (referenced from package.json's "customElements") from the
// widget's JSDoc: attributes, properties, events, CSS parts and custom properties of
// <ipsafezone-login>. Run `npm run manifest` and commit the result.
//
// The tidy-up plugin drops what the analyzer infers but is not public API: internal reactive state
// (`state: true` in `static properties`, which it lists as attributes) and nameless events it
// guesses from `dispatchEvent(new X(...))` calls (the real ones come from the `@event` JSDoc tags).
function tidyUp() {
  return {
    name: 'ipsafezone-tidy-up',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement) continue;
          const privateNames = new Set(
            (decl.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name),
          );
          decl.attributes = (decl.attributes ?? []).filter(
            (a) => !privateNames.has(a.fieldName ?? a.name),
          );
          decl.events = (decl.events ?? []).filter((e) => e.name);
        }
      }
    },
  };
}

export default {
  globs: ['widget/**/*.ts'],
  exclude: ['widget/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [tidyUp()],
};
