import { DomainError, isDomainError } from '../errors';

/**
 * The only place driver errors become DomainErrors. Messages never carry SQL or values: the
 * original error rides along as `cause` (not enumerable, so it is never serialized) for the one log
 * line the request handler writes.
 */
export function mapDbError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  const driver = driverError(error);
  if (isDuplicate(driver)) return conflict(driver, error);
  if (isUnavailable(driver)) return withCause(new DomainError('UNAVAILABLE', 'Database unavailable'), error);
  if (driver.code === 'ER_DATA_TOO_LONG') return tooLong(driver, error);
  return withCause(new DomainError('INTERNAL', 'Unexpected database error'), error);
}

/**
 * Whether a failure, translated or not, is SQLITE_BUSY (or one of its extended codes): another
 * connection holds the lock, and the same work may succeed when tried again.
 */
export function isSqliteBusy(error: unknown): boolean {
  let e = error as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly message: string;
  readonly name?: string;
}

function driverError(error: unknown): DriverError {
  const outer = (error ?? {}) as DriverError & { driverError?: DriverError };
  const inner = outer.driverError ?? outer;
  return {
    code:
      typeof inner.code === 'string' ? inner.code : typeof outer.code === 'string' ? outer.code : undefined,
    errno: inner.errno ?? outer.errno,
    message: String(inner.message ?? outer.message ?? ''),
    name: outer.name,
  };
}

const isDuplicate = (e: DriverError): boolean =>
  e.code === 'ER_DUP_ENTRY' ||
  e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
  e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/** Unique indexes by name (MySQL names the key) and by column list (SQLite names the columns). */
const UNIQUE_FIELDS: readonly { index: string; columns: string; field: string; message: string }[] = [
  {
    index: 'ux_users_org_user_name_key',
    columns: 'users.organization_id, users.user_name_key',
    field: 'userName',
    message: 'A user with this userName already exists',
  },
  {
    index: 'ux_organizations_slug',
    columns: 'organizations.slug',
    field: 'slug',
    message: 'An organization with this slug already exists',
  },
  {
    index: 'ux_api_tokens_secret_hash',
    columns: 'api_tokens.secret_hash',
    field: 'secret',
    message: 'This token secret is already in use',
  },
  {
    index: 'ux_extension_attributes_org_schema_name_key',
    columns:
      'extension_attributes.organization_id, extension_attributes.schema_urn, extension_attributes.name_key',
    field: 'name',
    message: 'The schema already defines an attribute with this name',
  },
];

function conflict(e: DriverError, cause: unknown): DomainError {
  // MariaDB: "... for key 'ux_…'"; MySQL 8: "... for key 'users.ux_…'"; SQLite: "UNIQUE constraint failed: users.a, users.b".
  const key = /for key '(?:[^'.]+\.)?([^']+)'/.exec(e.message)?.[1];
  const columns = /constraint failed: (.+)$/.exec(e.message)?.[1]?.trim();
  const known = UNIQUE_FIELDS.find((u) => u.index === key || u.columns === columns);
  if (known) return withCause(new DomainError('CONFLICT', known.message, { field: known.field }), cause);
  const isPrimary = key === 'PRIMARY' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return withCause(
    isPrimary
      ? new DomainError('CONFLICT', 'A record with this id already exists', { field: 'id' })
      : new DomainError('CONFLICT', 'A conflicting record already exists'),
    cause,
  );
}

const UNAVAILABLE_CODES = new Set([
  // network and pool
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'POOL_CLOSED',
  // server refusing or going away
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_QUERY_INTERRUPTED',
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'ER_CONNECTION_KILLED',
  'ER_OPTION_PREVENTS_STATEMENT',
  // Galera: "WSREP has not yet prepared node for application use" (a node out of the primary component)
  'ER_UNKNOWN_COM_ERROR',
  // SQLite: locked beyond busy_timeout, or the file is gone / unwritable / full
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/** mysql2 and TypeORM report some of these without a code. */
const UNAVAILABLE_MESSAGES = [
  /Pool is closed/i,
  /connection is in closed state/i,
  /No connections available/i,
  /Queue limit reached/i,
  /connect ETIMEDOUT/i,
  /Connection lost/i,
  /The database connection is not open/i,
  /Connection is not established/i,
];
const UNAVAILABLE_NAMES = new Set([
  'CannotExecuteNotConnectedError',
  'ConnectionIsNotSetError',
  'ConnectionNotFoundError',
]);

function isUnavailable(e: DriverError): boolean {
  const code = e.code ?? '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR'))
    return true;
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_LOCKED')
  )
    return true;
  return (
    UNAVAILABLE_NAMES.has(e.name ?? '') || UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message))
  );
}

/** Columns whose length the database enforces more tightly than the domain checks. */
const COLUMN_FIELDS: Readonly<Record<string, string>> = {
  user_name: 'userName',
  user_name_key: 'userName',
  external_id: 'externalId',
  manager_id: 'enterprise.managerId',
  password_hash: 'password',
};

function tooLong(e: DriverError, cause: unknown): DomainError {
  const column = /for column '([^']+)'/.exec(e.message)?.[1] ?? '';
  const field = COLUMN_FIELDS[column];
  const error = field
    ? new DomainError('BAD_USER_INPUT', `${field} is too long`, { field })
    : new DomainError('BAD_USER_INPUT', 'A value is too long');
  return withCause(error, cause);
}

function withCause(error: DomainError, cause: unknown): DomainError {
  Object.defineProperty(error, 'cause', {
    value: cause,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return error;
}
