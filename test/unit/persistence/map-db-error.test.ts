import { DomainError } from '../../../src/errors';
import { isSqliteBusy, mapDbError } from '../../../src/persistence/map-db-error';

/** Shaped like TypeORM's QueryFailedError: the driver error's properties copied, the SQL attached. */
function queryFailed(driverError: Record<string, unknown> & { message: string }) {
  return Object.assign(new Error(driverError.message), driverError, {
    name: 'QueryFailedError',
    query: "INSERT INTO users (user_name) VALUES ('secret@example.com')",
    driverError,
  });
}

const ROWS: { name: string; error: unknown; code: string; field?: string }[] = [
  {
    name: 'MariaDB duplicate userName key',
    error: queryFailed({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      message: "Duplicate entry 'o-alice' for key 'ux_users_org_user_name_key'",
    }),
    code: 'CONFLICT',
    field: 'userName',
  },
  {
    name: 'MySQL 8 duplicate key qualified by table',
    error: queryFailed({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      message: "Duplicate entry 'acme' for key 'organizations.ux_organizations_slug'",
    }),
    code: 'CONFLICT',
    field: 'slug',
  },
  {
    name: 'MySQL duplicate primary key',
    error: queryFailed({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      message: "Duplicate entry 'x' for key 'PRIMARY'",
    }),
    code: 'CONFLICT',
    field: 'id',
  },
  {
    name: 'SQLite unique constraint on the userName key',
    error: queryFailed({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: 'UNIQUE constraint failed: users.organization_id, users.user_name_key',
    }),
    code: 'CONFLICT',
    field: 'userName',
  },
  {
    name: 'SQLite primary key',
    error: queryFailed({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      message: 'UNIQUE constraint failed: users.id',
    }),
    code: 'CONFLICT',
    field: 'id',
  },
  {
    name: 'refused connection',
    error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    code: 'UNAVAILABLE',
  },
  {
    name: 'lost connection',
    error: queryFailed({ code: 'PROTOCOL_CONNECTION_LOST', message: 'Connection lost' }),
    code: 'UNAVAILABLE',
  },
  {
    name: 'too many connections',
    error: queryFailed({ code: 'ER_CON_COUNT_ERROR', errno: 1040, message: 'Too many connections' }),
    code: 'UNAVAILABLE',
  },
  {
    name: 'connect timeout',
    error: Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
    code: 'UNAVAILABLE',
  },
  { name: 'closed pool', error: new Error('Pool is closed.'), code: 'UNAVAILABLE' },
  {
    name: 'SQLite busy beyond the timeout',
    error: queryFailed({ code: 'SQLITE_BUSY', message: 'database is locked' }),
    code: 'UNAVAILABLE',
  },
  {
    name: 'SQLite I/O error',
    error: queryFailed({ code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' }),
    code: 'UNAVAILABLE',
  },
  {
    name: 'value too long for a column',
    error: queryFailed({
      code: 'ER_DATA_TOO_LONG',
      errno: 1406,
      message: "Data too long for column 'manager_id' at row 1",
    }),
    code: 'BAD_USER_INPUT',
    field: 'enterprise.managerId',
  },
  {
    name: 'syntax error',
    error: queryFailed({
      code: 'ER_PARSE_ERROR',
      errno: 1064,
      message: "You have an error in your SQL syntax near 'users'",
    }),
    code: 'INTERNAL',
  },
  { name: 'anything else', error: new TypeError('x is undefined'), code: 'INTERNAL' },
];

describe('mapDbError', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('maps %s', (_name, row) => {
    const mapped = mapDbError(row.error);

    expect(mapped).toBeInstanceOf(DomainError);
    expect(mapped.code).toBe(row.code);
    if (row.field) expect(mapped.details.field).toBe(row.field);
    expect(mapped.message).not.toMatch(/INSERT|SELECT|secret@example\.com|users\b/);
  });

  it('keeps the original error as a non-enumerable cause, for logs only', () => {
    const original = queryFailed({ code: 'ER_PARSE_ERROR', message: 'syntax' });
    const mapped = mapDbError(original);

    expect((mapped as { cause?: unknown }).cause).toBe(original);
    expect(Object.keys(mapped)).not.toContain('cause');
    expect(JSON.stringify(mapped)).not.toContain('INSERT');
  });

  it('passes DomainErrors through unchanged', () => {
    const error = new DomainError('VERSION_CONFLICT', 'changed');

    expect(mapDbError(error)).toBe(error);
  });
});

describe('isSqliteBusy', () => {
  it.each([
    ['the driver error', true, queryFailed({ code: 'SQLITE_BUSY', message: 'database is locked' })],
    ['an extended code', true, queryFailed({ code: 'SQLITE_BUSY_SNAPSHOT', message: 'locked' })],
    ['after translation', true, mapDbError(queryFailed({ code: 'SQLITE_BUSY', message: 'locked' }))],
    ['another UNAVAILABLE', false, mapDbError(queryFailed({ code: 'SQLITE_IOERR', message: 'io' }))],
    ['a MySQL lock wait', false, queryFailed({ code: 'ER_LOCK_WAIT_TIMEOUT', message: 'lock' })],
    ['a DomainError of its own', false, new DomainError('UNAVAILABLE', 'down')],
  ] as const)('%s: busy %s', (_name, busy, error) => {
    expect(isSqliteBusy(error)).toBe(busy);
  });
});
