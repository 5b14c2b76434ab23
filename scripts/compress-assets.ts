// Run by `npm run build` (scripts/build.ts) after the Vite builds: writes `<file>.br` (brotli, best
// quality) and `<file>.gz` (gzip -9) next to the widget (dist/ipsafezone-login.js and its chunks)
// and the page bundles (dist/assets/*.js), and into dist/assets for the pages' own CSS
// (server/pages/assets/*.css). The server serves them by Accept-Encoding
// (server/http/static-files.ts), checking that each decompresses to its file. Prints one line per
// file with its sizes. Also runnable alone: `npx tsx scripts/compress-assets.ts`.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compressForms } from '../server/http/static-files.js';

export interface CompressJob {
  source: string;
  outDir: string;
}

const list = (dir: string, re: RegExp) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => re.test(f))
        .map((f) => join(dir, f))
    : [];

/** The files to compress (absolute paths) and where their compressed forms go. */
export function compressJobs(root: string): CompressJob[] {
  const dist = join(root, 'dist');
  const distAssets = join(dist, 'assets');
  const ownAssets = join(root, 'server', 'pages', 'assets');
  return [
    ...list(dist, /^ipsafezone-login(-[\w-]+)?\.js$/).map((source) => ({ source, outDir: dist })),
    ...list(distAssets, /\.(js|css|svg)$/).map((source) => ({ source, outDir: distAssets })),
    ...list(ownAssets, /\.(css|svg)$/).map((source) => ({ source, outDir: distAssets })),
  ];
}

/** Writes both forms of every job's file; returns the paths written. */
export function compressAll(jobs: readonly CompressJob[]): string[] {
  const written: string[] = [];
  for (const { source, outDir } of jobs) {
    const raw = readFileSync(source);
    const { br, gzip } = compressForms(raw);
    const name = basename(source);
    writeFileSync(join(outDir, `${name}.br`), br);
    writeFileSync(join(outDir, `${name}.gz`), gzip);
    written.push(join(outDir, `${name}.br`), join(outDir, `${name}.gz`));
    console.log(`${name}: ${raw.length} bytes, brotli ${br.length}, gzip ${gzip.length}`);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const jobs = compressJobs(fileURLToPath(new URL('..', import.meta.url)));
  if (jobs.length === 0) {
    console.error('Nothing to compress: run the Vite builds first.');
    process.exit(1);
  }
  compressAll(jobs);
}
