/**
 * The database holds user records, factor secrets' sealed envelopes and live OpenID Connect codes
 * and tokens: only the service's user may read it (issue 23, item 6). A database ipsafezone creates
 * gets a folder made 0750 and a file made 0600 whatever the umask; SQLite creates the `-wal` and
 * `-shm` files with the database file's mode. An existing folder or file that is wider is not
 * changed behind the administrator's back but warned of — at start-up (main.ts) and by
 * `config check` — with the command that fixes it.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const FOLDER_MODE = 0o750;
export const FILE_MODE = 0o600;

/** Creates the folder (0750, when missing) and the empty database file (0600, when missing). */
export function createPrivately(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, FOLDER_MODE);
  }
  if (!existsSync(file)) {
    // An empty file is an empty SQLite database; made here so its mode is ours, not the umask's.
    closeSync(openSync(file, 'wx', FILE_MODE));
    chmodSync(file, FILE_MODE);
  }
}

/** One sentence per folder or file of the database that others than its owner may read. */
export function permissionWarnings(file: string): string[] {
  const warnings: string[] = [];
  const check = (path: string, allowed: number, fix: string) => {
    let mode;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      return; // not there (yet): nothing to say
    }
    if ((mode & ~allowed) === 0) return;
    const octal = mode.toString(8).padStart(4, '0');
    warnings.push(
      `${path} is ${octal}: readable by others than its owner (it holds user records, factor ` +
        `secrets and OpenID Connect tokens). Run: chmod ${fix} ${path}`,
    );
  };
  check(dirname(file), FOLDER_MODE, FOLDER_MODE.toString(8));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    check(path, FILE_MODE, FILE_MODE.toString(8));
  }
  return warnings;
}
