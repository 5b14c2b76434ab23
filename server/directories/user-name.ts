/**
 * Small rules every external directory shares: which typed user names are worth asking a
 * directory about at all, and whether a group (by name or DN) is the configured admin group.
 */

/** The longest user name passed to a directory. */
export const MAX_DIRECTORY_USERNAME = 256;

/**
 * The trimmed user name, or null when no directory should be asked about it (empty, too long, or
 * containing control characters such as NUL, which LDAP and HTTP treat in surprising ways).
 */
export function usableUsername(username: string): string | null {
  const typed = username.trim();
  if (typed === '' || typed.length > MAX_DIRECTORY_USERNAME) return null;
  if (/[\u0000-\u001f\u007f]/.test(typed)) return null;
  return typed;
}

/** The value of a DN's first RDN (`cn=IPSafeZone Admins,ou=groups,…` → `IPSafeZone Admins`). */
export function groupNameFromDn(dn: string): string {
  let out = '';
  let i = dn.indexOf('=') + 1;
  if (i === 0) return dn;
  for (; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\') {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
      } else {
        out += dn[i + 1] ?? '';
        i += 1;
      }
    } else if (ch === ',' || ch === '+') break;
    else out += ch;
  }
  return out.trim();
}

const canonicalDn = (dn: string) =>
  dn
    .replace(/\s*,\s*/g, ',')
    .trim()
    .toLowerCase();

/**
 * True when `group` (a group name or DN) is the configured admin group, compared regardless of
 * case. A configured DN is compared with the group's DN; a configured name with the group's name
 * (the first RDN's value for a DN, the name itself otherwise).
 */
export function isAdminGroup(adminGroup: string, group: string): boolean {
  const want = adminGroup.trim();
  if (want === '') return false;
  if (want.includes('=')) return canonicalDn(want) === canonicalDn(group);
  const name = group.includes('=') ? groupNameFromDn(group) : group;
  return name.trim().toLowerCase() === want.toLowerCase();
}
