/**
 * From a stored directory row to a working directory: opens the sealed password with the secret
 * box, puts the settings back together, and builds its kind's directory (server/directories/kinds.ts;
 * a kind no module carries cannot be opened). Also the
 * loader the login flow uses: every enabled directory in order, where one that cannot be opened
 * (no or another secret key, damaged settings) answers `unavailable` — it is never skipped, so a
 * broken configuration fails closed instead of silently dropping a directory from the chain.
 */
import type { Database } from '../db/database.js';
import type { PasswordDirectory } from './password-directory.js';
import type { AppConfig } from '../config/settings.js';
import {
  createSecretBox,
  missingSecretBox,
  type SecretBox,
} from '../platform/crypto/secret-box.js';
import { listDirectories, type DirectoryRecord } from '../store/directories.js';
import { directoryKind } from './kinds.js';
import type { DirectoryKind } from './directory-kind.js';
import type { DirectoryConfig, ExternalDirectory } from './types.js';

/** The secret box for the configured key (one that refuses every use when there is none). */
export function secretBoxFor(config: Pick<AppConfig, 'secretKey'>): SecretBox {
  return config.secretKey ? createSecretBox(config.secretKey) : missingSecretBox();
}

/** The kind of a stored directory; throws for a kind no module carries. */
function kindOf(name: string): DirectoryKind {
  const kind = directoryKind(name);
  if (!kind) throw new Error(`no directory kind "${name}" is known to this version`);
  return kind;
}

/** The stored row with its password opened. Throws when the secret cannot be opened. */
export function openDirectory(r: DirectoryRecord, box: SecretBox): DirectoryConfig {
  const kind = kindOf(r.kind);
  const secret = box.open(r.sealedSecret);
  const stored = JSON.parse(r.settings) as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    kind: kind.name,
    settings: { ...stored, [kind.secret]: secret },
    position: r.position,
    enabled: r.enabled,
  };
}

export function buildDirectory(c: DirectoryConfig): ExternalDirectory {
  return kindOf(c.kind).open(String(c.id), c.settings);
}

/** A directory that answers every question with `unavailable` (fail closed). */
function brokenDirectory(r: DirectoryRecord, reason: string): PasswordDirectory {
  return {
    id: String(r.id),
    kind: r.kind,
    verify: () => Promise.resolve({ status: 'unavailable', reason }),
  };
}

/** The enabled external directories in chain order (the local users table is not among them). */
export async function loadPasswordDirectories(
  db: Database,
  config: Pick<AppConfig, 'secretKey'>,
): Promise<PasswordDirectory[]> {
  const box = secretBoxFor(config);
  return (await listDirectories(db))
    .filter((r) => r.enabled)
    .map((r) => {
      try {
        return buildDirectory(openDirectory(r, box));
      } catch (err) {
        return brokenDirectory(
          r,
          `Directory "${r.name}" cannot be used: ${(err as Error).message}`,
        );
      }
    });
}
