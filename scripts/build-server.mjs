// Builds the server for production: `tsc -p tsconfig.build.json` compiles server/ to build/
// (build/server/main.js, build/server/cli/main.js, …), then this copies what the compiled code reads at run time
// next to it — the SQL migrations and the pages' and demo's CSS — so `npm start` runs plain
// JavaScript with no TypeScript compiler. build/ is emptied first (no stale files).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build');
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const copied = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!name.endsWith('.ts')) {
      const rel = relative(root, path);
      cpSync(path, join(out, rel));
      copied.push(rel);
    }
  }
};
walk(join(root, 'server'));
walk(join(root, 'demo'));
console.log(`server built into build/ (${copied.length} files copied: ${copied.join(', ')})`);
