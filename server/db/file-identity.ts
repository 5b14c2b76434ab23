/**
 * Notices when the database file this process opened is no longer the file at its path: deleted,
 * replaced by another file (a restore copied over it, a different inode) or truncated. SQLite keeps
 * writing to the open (possibly unlinked) file, so without this check acknowledged writes vanish at
 * the next restart while everything looks fine. The check is a `stat` of the path compared with
 * the device and inode seen at start-up.
 */
import { statSync } from 'node:fs';

export type FileProblem = 'deleted' | 'replaced' | 'truncated';

export interface FileIdentity {
  readonly path: string;
  /** null while the file is the one opened; otherwise what happened to it. */
  problem(): FileProblem | null;
}

/** Smaller than this cannot be a SQLite database (the header alone is 100 bytes, a page 512+). */
const MIN_SIZE = 512;

export function fileIdentity(path: string): FileIdentity {
  const first = statSync(path);
  // A new database's file stays empty until the first checkpoint (WAL); once it held a page it
  // never again shrinks below one.
  let largest = first.size;
  return {
    path,
    problem() {
      let now;
      try {
        now = statSync(path);
      } catch {
        return 'deleted';
      }
      if (now.dev !== first.dev || now.ino !== first.ino) return 'replaced';
      if (largest >= MIN_SIZE && now.size < MIN_SIZE) return 'truncated';
      largest = Math.max(largest, now.size);
      return null;
    },
  };
}
