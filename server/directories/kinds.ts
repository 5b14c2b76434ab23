/**
 * The kinds of password directory ipsafezone can ask besides its own users table, each a module
 * of its own (server/directories/directory-kind.ts). Everything that names a kind — the admin
 * API's routes and the form description it serves, the CLI's `directory add`, which stored rows
 * can be opened — asks this list. A new kind is a folder `server/directories/<kind>/` and a line
 * here.
 */
import type { DirectoryKind } from './directory-kind.js';
import { ldapKind } from './ldap/kind.js';
import { crowdKind } from './crowd/kind.js';

export const DIRECTORY_KINDS: readonly DirectoryKind[] = [ldapKind, crowdKind];

/** The kind named `name`, or undefined for a name no module carries. */
export function directoryKind(name: string): DirectoryKind | undefined {
  return DIRECTORY_KINDS.find((k) => k.name === name);
}
