/**
 * A map whose entries expire and whose size is capped, for what a process remembers in memory per
 * client (an address group that sprayed names, an anonymous allowance's window): a client can
 * choose new keys at will, so the map must never grow past `maxSize`. When it is full, a new key
 * first drops the entries that expired, then the oldest ones (in the order they were set) until
 * there is room. An entry counts as expired from its `expiresAt` on (`expiresAt <= now`); reading
 * an expired key answers nothing and forgets it. Time is passed in (`now`), so the map is pure and
 * the callers keep their one reading of the clock.
 *
 * It replaced two hand-written copies of the same eviction loop (the spray memory of
 * server/domain/login/steps/password-limits.ts and the windows of server/oidc/anonymous-cap.ts).
 * The audit windows (server/domain/audit-windows.ts) keep their own map: they hand what they evict
 * back to the caller and count windows per group, which this map does not.
 */

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class BoundedExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxSize: number;

  constructor(maxSize: number) {
    if (!(maxSize >= 1)) throw new RangeError('maxSize must be at least 1');
    this.#maxSize = maxSize;
  }

  /** Entries held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value of a key that has not expired; an expired key is forgotten. */
  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Sets a key (as the newest), making room first when the map is full. */
  set(key: string, value: V, expiresAt: number, now: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxSize) {
      for (const [k, e] of this.#entries) if (e.expiresAt <= now) this.#entries.delete(k);
      for (const k of this.#entries.keys()) {
        if (this.#entries.size < this.#maxSize) break;
        this.#entries.delete(k);
      }
    }
    this.#entries.set(key, { value, expiresAt });
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }
}
