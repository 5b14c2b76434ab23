/**
 * Which errors mean "the database is unavailable right now" rather than "the program has a bug".
 * A locked, full, read-only, unreadable, corrupt or replaced database file, and a remote libSQL
 * server that cannot be reached, are faults of the environment: a client is told to try again
 * (503 `service_unavailable` with `Retry-After`), an operator reads a loud log line, and nothing
 * is answered with a 500. PostgreSQL's (issue 26) are its SQLSTATE classes for a lost or refused
 * connection, a server shutting down or starting up, a standby that takes no writes (the primary
 * failed over), a statement timeout, exhausted resources, and a serialization failure or deadlock
 * that outlived the retries; and the client's own codes for a connection it could not open or lost.
 */

/** SQLite result codes (base codes; IOERR_* and the like share their base) that mean unavailable. */
const SQLITE_UNAVAILABLE: ReadonlySet<string> = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PERM',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
]);

/** libSQL client codes for a remote server that is gone or a client that was closed. */
const CLIENT_UNAVAILABLE: ReadonlySet<string> = new Set([
  'HRANA_WEBSOCKET_ERROR',
  'HRANA_CLOSED_ERROR',
  'HRANA_PROTO_ERROR',
  'SERVER_ERROR',
  'CLIENT_CLOSED',
  'PROTOCOL_VERSION_ERROR',
  'DATABASE_REPLACED',
]);

/** Node's network error codes (a remote libSQL server that does not answer). */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** PostgreSQL SQLSTATEs (exact, or a class of two characters) that mean unavailable. */
const PG_UNAVAILABLE_STATES: ReadonlySet<string> = new Set([
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '40001',
  '40P01',
  '55P03',
  '25006',
]);
const PG_UNAVAILABLE_CLASSES: ReadonlySet<string> = new Set(['08', '53', '58']);

/** postgres.js's own codes for a connection it could not open, lost, or a pool that was ended. */
const PG_CLIENT_UNAVAILABLE: ReadonlySet<string> = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'QUEUE_TIMEOUT',
  'QUERY_TIMEOUT',
]);

/** A SQLSTATE (five characters) PostgreSQL sends for a database that cannot serve now. */
function pgUnavailable(state: string): boolean {
  return PG_UNAVAILABLE_STATES.has(state) || PG_UNAVAILABLE_CLASSES.has(state.slice(0, 2));
}

/**
 * The code of an error, with SQLite's extended codes (SQLITE_IOERR_WRITE) cut to their base;
 * PostgreSQL's unavailable states as `PG_<SQLSTATE>`.
 */
export function databaseErrorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('SQLITE_')) {
        const base = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
        return base;
      }
      if (CLIENT_UNAVAILABLE.has(code) || NETWORK_CODES.has(code)) return code;
      if (PG_CLIENT_UNAVAILABLE.has(code)) return `PG_${code}`;
      if (/^[0-9A-Z]{5}$/.test(code) && (e as { name?: unknown }).name === 'PostgresError') {
        return pgUnavailable(code) ? `PG_${code}` : null;
      }
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && message.startsWith('ConnectionFailed(')) {
      // The local driver reports a file it cannot open this way, with SQLite's number at the end.
      const n = Number(/: (\d+)"?\)?$/.exec(message)?.[1]);
      return OPEN_FAILURES[n] ?? 'SQLITE_CANTOPEN';
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** SQLite result codes seen in the driver's `ConnectionFailed(…: N)` messages. */
const OPEN_FAILURES: Record<number, string> = {
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};

/** Whether `err` means the database cannot serve right now (answer 503, not 500). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = databaseErrorCode(err);
  if (code === null) return isFetchFailure(err);
  return (
    SQLITE_UNAVAILABLE.has(code) ||
    CLIENT_UNAVAILABLE.has(code) ||
    NETWORK_CODES.has(code) ||
    code.startsWith('PG_')
  );
}

/** Whether `err` is SQLite's "another connection holds the lock" (worth waiting for). */
export function isBusy(err: unknown): boolean {
  const code = databaseErrorCode(err);
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_LOCKED' ||
    code === 'PG_40001' ||
    code === 'PG_40P01' ||
    code === 'PG_55P03'
  );
}

/** `fetch failed` from the remote client's HTTP transport. */
function isFetchFailure(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'fetch failed';
}
