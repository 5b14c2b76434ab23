// Build stamps: what lets `npm run demo` (scripts/build.ts --changed) skip a build step whose
// output is current, without ever serving a stale one. After a step succeeds, its stamp records
// the SHA-256 of every input it read (source files, configs, the lockfile; a missing file is
// recorded as missing), the names in each folder its source modules sit in (a new file beside them
// may change how an import resolves, or be compiled too), and the SHA-256 of every output it wrote. The step is current
// only when all of that still matches, byte for byte: a changed, added or deleted source, a
// changed config or lockfile, or an output deleted or rewritten by another build makes it run
// again. Content, not modification times: `touch` alone rebuilds nothing, an edit always does.
// Stamps live in node_modules/.cache/ipsafezone/build-stamps/ (gone with `npm ci`; a clean clone
// has none, so it builds everything).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Stamp {
  /** What else decides the output (e.g. the environment a step sets), compared as a string. */
  key: string;
  /** Repository-relative path → SHA-256 of the file, or `missing`. */
  inputs: Record<string, string>;
  /** Repository-relative folder → SHA-256 of its sorted entry names. */
  folders: Record<string, string>;
  /** Repository-relative path → SHA-256 of what the step wrote there. */
  outputs: Record<string, string>;
}

const MISSING = 'missing';

export function stampDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'ipsafezone', 'build-stamps');
}

function stampFile(root: string, step: string): string {
  return join(stampDir(root), `${step}.json`);
}

export function hashFile(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return MISSING;
  }
}

function hashFolderNames(path: string): string {
  try {
    return createHash('sha256').update(readdirSync(path).sort().join('\n')).digest('hex');
  } catch {
    return MISSING;
  }
}

/** Every file under `dir` (recursively, skipping node_modules), or `dir` itself when it is a file. */
export function filesUnder(dir: string): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) return [dir];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found.sort();
}

/** What a step read and wrote: absolute paths inside the repository. */
export interface StepFiles {
  /** Source modules: their folders' listings are recorded too (a new file may be imported). */
  modules: Iterable<string>;
  /** Other files read by name (configs, the lockfile, a script): only their content counts. */
  inputs: Iterable<string>;
  outputs: Iterable<string>;
}

/** A stamp for a step that read and wrote `files`. */
export function makeStamp(root: string, key: string, files: StepFiles): Stamp {
  root = resolve(root);
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const stamp: Stamp = { key, inputs: {}, folders: {}, outputs: {} };
  const modules = new Set(files.modules);
  for (const path of [...new Set([...modules, ...files.inputs])].sort()) {
    stamp.inputs[rel(path)] = hashFile(path);
    // Not the top folder: its listing changes with every dist/, build/ or data/ that comes and goes.
    const folder = dirname(path);
    if (modules.has(path) && folder !== root) {
      stamp.folders[rel(folder)] ??= hashFolderNames(folder);
    }
  }
  for (const path of [...new Set(files.outputs)].sort()) stamp.outputs[rel(path)] = hashFile(path);
  return stamp;
}

export function readStamp(root: string, step: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(stampFile(root, step), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

export function writeStamp(root: string, step: string, stamp: Stamp): void {
  const file = stampFile(root, step);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(stamp, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function forgetStamp(root: string, step: string): void {
  rmSync(stampFile(root, step), { force: true });
}

/**
 * Why the step must run again, or null when its stamp still holds: same key, every input and
 * folder listing as recorded, every output present and unchanged.
 */
export function staleReason(root: string, stamp: Stamp | null, key: string): string | null {
  if (!stamp) return 'never built here';
  if (stamp.key !== key) return 'built with other settings';
  if (Object.keys(stamp.outputs).length === 0) return 'no outputs recorded';
  for (const [path, hash] of Object.entries(stamp.inputs)) {
    const now = hashFile(join(root, path));
    if (now !== hash) return now === MISSING ? `${path} is gone` : `${path} changed`;
  }
  for (const [path, hash] of Object.entries(stamp.folders)) {
    if (hashFolderNames(join(root, path)) !== hash) return `files added or removed in ${path}/`;
  }
  for (const [path, hash] of Object.entries(stamp.outputs)) {
    if (hashFile(join(root, path)) !== hash) return `${path} missing or rewritten`;
  }
  return null;
}
