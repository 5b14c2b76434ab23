/**
 * State that belongs to a database handle, not to a module or an app: whoever reads or writes
 * through the handle (an app's doors, the in-process CLI, a test) shares it, and two handles never
 * do. Kept as a non-enumerable property under a symbol of its own, made on first use — the write
 * watch (write-watch.ts) and the audit listeners (server/store/audit.ts) live there.
 */

/** The value kept on `handle` under `key`, made by `make` the first time it is asked for. */
export function heldOnHandle<T>(handle: object, key: symbol, make: () => T): T {
  const held = (handle as Record<symbol, T | undefined>)[key];
  if (held !== undefined) return held;
  const value = make();
  Object.defineProperty(handle, key, { value });
  return value;
}
