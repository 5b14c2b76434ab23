/**
 * The stores write their SQL once, with SQLite's placeholders: `?` (the next argument) and `?N`
 * (argument N, reused). PostgreSQL numbers its parameters `$N`. This turns the one into the other,
 * leaving quoted text, quoted names and comments alone, so one statement text serves both backends
 * (issue 26). A handle keeps its results (`positionalCache`): the stores use a few hundred
 * distinct texts.
 */

const CACHE_LIMIT = 2000;

/** `toPositional`, remembering its answers (one per database handle: no module state). */
export function positionalCache(): (sql: string) => string {
  const cache = new Map<string, string>();
  return (sql) => {
    const hit = cache.get(sql);
    if (hit !== undefined) return hit;
    const out = toPositional(sql);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sql, out);
    return out;
  };
}

/** `sql` with `?` and `?N` written as `$N`. */
export function toPositional(sql: string): string {
  let out = '';
  let next = 1;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      // A quoted string or name; a doubled quote stays inside it.
      let j = i + 1;
      while (j < n) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const j = end === -1 ? n : end;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end === -1 ? n : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === '?') {
      let j = i + 1;
      while (j < n && sql[j]! >= '0' && sql[j]! <= '9') j++;
      if (j > i + 1) {
        const k = Number(sql.slice(i + 1, j));
        out += `$${k}`;
        next = Math.max(next, k + 1);
      } else {
        out += `$${next++}`;
      }
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
