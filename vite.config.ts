// Builds the <ipsafezone-login> widget as ONE minified ES module, Lit bundled in:
// dist/ipsafezone-login.js, served by the backend at /widget/ipsafezone-login.js (size budget:
// 12,000 bytes gzipped, checked by `npm run size`). Without `minify: true` Vite keeps whitespace
// in ES library mode; the small plugin below also squeezes what a JS minifier never touches: the
// text of our `css` templates and the indentation inside template literals.
import { defineConfig, type Plugin } from 'vite';

/** Minifies CSS text (a part between interpolations): comments, runs of blanks, blanks around punctuation. */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

function squeezeTemplates(): Plugin {
  return {
    name: 'ipsafezone-squeeze-templates',
    transform(code, id) {
      if (!/[\\/]widget[\\/][^\\/]+\.ts$/.test(id)) return null;
      // Our css`…` templates hold plain CSS, at most with `${name}` (another css result) inside.
      return {
        code: code.replace(/\bcss`((?:[^`$]|\$\{[A-Za-z_$][\w$]*\})*)`/g, (_, body: string) => {
          const parts = body.split(/(\$\{[A-Za-z_$][\w$]*\})/);
          return `css\`${parts.map((p) => (p.startsWith('${') ? p : minifyCss(p))).join('')}\``;
        }),
        map: null,
      };
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        // After minification a newline followed by indentation can only be formatting inside a
        // template literal (html templates); one space says the same to the HTML parser.
        if (file.type === 'chunk') file.code = file.code.replace(/\n +/g, ' ');
      }
    },
  };
}

/**
 * `IPSAFEZONE_WIDGET_BUILD=inline vite build` (part of `npm run build`) writes the login page's own
 * script instead (login-page/entry.ts): the same element as one self-contained module, its lazily
 * loaded parts (words, later steps) inlined, plus the hand-over from the form the server rendered:
 * dist/assets/login-page.js. Our own login page links it (or carries it inside its HTML when it
 * sends no form of its own: server/pages/login-page.ts); a page that links the widget loads
 * dist/ipsafezone-login.js and its chunks.
 */
const inline = process.env.IPSAFEZONE_WIDGET_BUILD === 'inline';

export default defineConfig({
  plugins: [squeezeTemplates()],
  build: {
    lib: {
      entry: inline ? 'login-page/entry.ts' : 'widget/ipsafezone-login.ts',
      formats: ['es'],
      fileName: () => (inline ? 'assets/login-page.js' : 'ipsafezone-login.js'),
    },
    outDir: 'dist',
    // Other builds (e.g. the admin pages) may share dist/: only overwrite our own file.
    emptyOutDir: false,
    target: 'es2022',
    rolldownOptions: {
      // Shared code (Lit, the element) may stay in the entry, which then exports a little more:
      // otherwise it goes to a common chunk that every page loads before the element can start.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'ipsafezone-login-[name]-[hash].js',
        ...(inline ? { codeSplitting: false } : {}),
      },
    },
  },
});
