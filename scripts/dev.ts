// `npm run dev`: the demo while you edit. Builds the widget and admin bundles that changed
// (scripts/build.ts --changed), starts the server from its TypeScript sources in demo mode under
// `tsx watch` (restarted when a server or demo module it imports changes), and rebuilds the
// bundles and the login page's first forms on every change under widget/, admin/, server/ (the
// admin page bundles the zone engine) or login-page/, or to a Vite config, the tsconfig or the
// lockfile — the build stamps decide which. The server rereads dist/ files when they change, so a
// rebuilt bundle needs no restart: reload the page. Compression is left out (the server
// compresses a file whose .br/.gz is missing or stale itself); `npm run demo` catches up on it.
// One Ctrl-C stops the watcher, the server and this.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild } from './build.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// The login page's first forms (login-page/) are rendered from the widget's templates: rebuilt
// with it.
const BUNDLES = ['widget', 'widget-inline', 'pages', 'first-forms'];
const WATCHED_FOLDERS = ['widget', 'admin', 'server', 'login-page'];
const WATCHED_FILES = new Set([
  'vite.config.ts',
  'vite.pages.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
]);

let building = false;
let again = false;
let timer: NodeJS.Timeout | undefined;

/** Rebuilds what changed; a change during a build queues one more run after it. */
async function rebuild(): Promise<void> {
  if (building) {
    again = true;
    return;
  }
  building = true;
  try {
    const ran = await runBuild({ changed: true, only: BUNDLES, log: () => {} });
    if (ran.length > 0) console.log(`dev: rebuilt ${ran.join(', ')}; reload the page.`);
  } catch (error) {
    // A syntax error mid-edit: say so and wait for the next save.
    console.error(`dev: build failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    building = false;
  }
  if (again) {
    again = false;
    await rebuild();
  }
}

function changed(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void rebuild(), 150);
}

console.log('dev: building the bundles that changed…');
await runBuild({ changed: true, only: BUNDLES });

const watchers: FSWatcher[] = [
  watch(root, (_event, name) => {
    if (name && WATCHED_FILES.has(name)) changed();
  }),
];
const watchedFolders = new Set<string>();

/**
 * Watches `dir` and every folder under it, one watcher per folder: a folder's watcher sees a file
 * in it replaced (editors, `sed -i` and `git checkout` write a new file and rename it over the
 * old), where Node 20's recursive watch on Linux can lose a replaced file. A new folder is
 * watched from the event that shows it.
 */
function watchTree(dir: string): void {
  try {
    if (watchedFolders.has(dir) || !statSync(dir).isDirectory()) return;
  } catch {
    return; // gone again (an editor's temporary file)
  }
  watchedFolders.add(dir);
  watchers.push(
    watch(dir, (_event, name) => {
      if (name) watchTree(join(dir, name));
      changed();
    }),
  );
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') watchTree(join(dir, entry.name));
  }
}
for (const dir of WATCHED_FOLDERS) watchTree(join(root, dir));

const server = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    'watch',
    '--clear-screen=false',
    // Read from disk at start, not imported: a new migration or page style restarts it too.
    '--include=server/**/*.sql',
    '--include=server/**/*.css',
    '--include=demo/**/*.css',
    'server/main.ts',
    '--demo',
  ],
  { cwd: root, stdio: 'inherit' },
);

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  for (const w of watchers) w.close();
  if (server.exitCode === null && server.signalCode === null) {
    server.once('exit', () => process.exit(code));
    server.kill('SIGTERM');
  } else {
    process.exit(code);
  }
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.once('exit', (status) => {
  if (!stopping) {
    console.error(`dev: the server watcher ended (${status ?? 'signal'}); stopping.`);
    stop(status ?? 1);
  }
});
console.log('dev: watching widget/, admin/, server/ and login-page/; Ctrl-C stops everything.');
