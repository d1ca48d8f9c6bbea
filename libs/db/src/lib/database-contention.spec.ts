import { Prisma } from './generated-clients';
import { isDatabaseContention } from './database-contention';

const known = (code: string, message = 'x') => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '7.10.0' });

describe('isDatabaseContention', () => {
  it('recognises lock and pool waits that ran out: P1008 (SQLITE_BUSY), P2024, P2034, P2028 at start', () => {
    expect(
      isDatabaseContention(
        known('P1008', 'Operations timed out after `N/A`. Context: The database failed to respond to a query within the configured timeout'),
      ),
    ).toBe(true);
    expect(isDatabaseContention(known('P2024', 'Timed out fetching a new connection from the connection pool.'))).toBe(true);
    expect(isDatabaseContention(known('P2034', 'Transaction failed due to a write conflict or a deadlock. Please retry your transaction'))).toBe(true);
    expect(isDatabaseContention(known('P2028', 'Transaction API error: Unable to start a transaction in the given time.'))).toBe(true);
  });

  it('recognises the drivers’ own errors, also behind a cause', () => {
    expect(isDatabaseContention(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseContention(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isDatabaseContention(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseContention(new Error('wrapped', { cause: Object.assign(new Error('could not serialize access'), { code: '40001' }) }))).toBe(true);
  });

  it('leaves real faults alone: constraint violations, other P2028s, bugs, non-errors', () => {
    expect(isDatabaseContention(known('P2002', 'Unique constraint failed on the fields: (`id`)'))).toBe(false);
    expect(isDatabaseContention(known('P2028', 'Transaction API error: Transaction already closed'))).toBe(false);
    expect(isDatabaseContention(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseContention('SQLITE_BUSY')).toBe(false);
    expect(isDatabaseContention(undefined)).toBe(false);
  });
});
