// Builds the admin and profile pages' elements as minified ES modules into dist/assets/
// (admin.js, profile.js and a shared chunk with Lit), served by the backend at /assets/*.js.
// The widget's own build (vite.config.ts) writes dist/ipsafezone-login.js; neither empties dist/.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: {
      entry: { admin: 'admin/admin.ts', profile: 'admin/profile.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    outDir: 'dist/assets',
    emptyOutDir: false,
    target: 'es2022',
    rolldownOptions: {
      output: { minify: true, chunkFileNames: 'shared-[hash].js' },
    },
  },
});
