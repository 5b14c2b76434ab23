// Run by `npm run build` after the Vite builds: writes `<file>.br` (brotli, best quality) and
// `<file>.gz` (gzip -9) next to the widget (dist/ipsafezone-login.js) and the page bundles
// (dist/assets/*.js), and into dist/assets for the pages' own CSS (server/pages/assets/*.css).
// The server serves them by Accept-Encoding (server/http/static-files.ts), checking that each
// decompresses to its file. Prints one line per file with its sizes.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressForms } from '../server/http/static-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const distAssets = join(dist, 'assets');
const ownAssets = join(root, 'server', 'pages', 'assets');

const list = (dir: string, re: RegExp) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => re.test(f))
        .map((f) => join(dir, f))
    : [];

const jobs: Array<{ source: string; outDir: string }> = [
  ...list(dist, /^ipsafezone-login(-[\w-]+)?\.js$/).map((source) => ({ source, outDir: dist })),
  ...list(distAssets, /\.(js|css|svg)$/).map((source) => ({ source, outDir: distAssets })),
  ...list(ownAssets, /\.(css|svg)$/).map((source) => ({ source, outDir: distAssets })),
];
if (jobs.length === 0) {
  console.error('Nothing to compress: run the Vite builds first.');
  process.exit(1);
}
for (const { source, outDir } of jobs) {
  const raw = readFileSync(source);
  const { br, gzip } = compressForms(raw);
  writeFileSync(join(outDir, `${basename(source)}.br`), br);
  writeFileSync(join(outDir, `${basename(source)}.gz`), gzip);
  console.log(`${basename(source)}: ${raw.length} bytes, brotli ${br.length}, gzip ${gzip.length}`);
}
