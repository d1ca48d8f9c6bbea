/**
 * Prisma codes that mean "the database is busy, try again", not "the request is wrong":
 * P1008 operation timed out (SQLite's SQLITE_BUSY arrives as this through the adapter),
 * P2024 no pool connection in time, P2034 write conflict or deadlock (retry the transaction),
 * P2028 only when no transaction could start in time (its other cases are bugs).
 */
const CONTENTION_CODES = new Set(['P1008', 'P2024', 'P2034']);
const TRANSACTION_START_TIMEOUT = /unable to start a transaction in the given time/i;
/** Driver-level signs of the same: SQLite's busy/locked codes, pg's pool wait, serialization failure, deadlock, lock timeout. */
const DRIVER_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', '40001', '40P01', '55P03']);
const DRIVER_MESSAGES = /database is locked|SQLITE_BUSY|timeout exceeded when trying to connect|SocketTimeout/i;

/**
 * Whether an error is database contention (a lock or pool wait that ran past its bound) rather than
 * a fault: the caller may try again shortly, so a product API answers 503 + Retry-After, never 500.
 * Follows `cause` links, since adapters wrap the driver's error.
 */
export function isDatabaseContention(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message, kind } = current as { code?: unknown; message?: unknown; kind?: unknown };
    if (typeof code === 'string') {
      if (CONTENTION_CODES.has(code) || DRIVER_CODES.has(code) || code.startsWith('SQLITE_BUSY')) return true;
      if (code === 'P2028' && typeof message === 'string' && TRANSACTION_START_TIMEOUT.test(message)) return true;
    }
    if (kind === 'SocketTimeout' || (typeof message === 'string' && DRIVER_MESSAGES.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
