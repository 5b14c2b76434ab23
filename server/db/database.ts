/**
 * The database handle every store, service and door takes, named for what it is rather than for
 * the library behind it. Today the libSQL client is the one backend; a second backend (PostgreSQL,
 * issue 26) implements the same shapes, so nothing above `server/db/` imports `@libsql/client`.
 */
import type { Client, InStatement, ResultSet, Row, Transaction } from '@libsql/client';

/** A connection pool or client: statements, batches, transactions. */
export type Database = Client;
/** One SQL statement with its arguments (`?` placeholders). */
export type Statement = InStatement;
export type { ResultSet, Row, Transaction };
