import { DomainError } from '../errors';
import { mapDbError } from './map-db-error';

/** Where the service tried to connect, for messages an operator can act on (never the password). */
export type ConnectTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly database: string;
    };

interface DriverFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * A start-up failure (connect, migrate) as a DomainError whose message names the cause and the
 * fix: connection refused at host:port, unknown database (with the CREATE DATABASE to run), access
 * denied for the user, an SQLite path that cannot be written, TLS, a timeout. `retryable` says
 * whether waiting could help (the server or the database may still be on its way).
 */
export function describeConnectFailure(error: unknown, target: ConnectTarget): DomainError {
  const failure = driverFailure(error);
  const mapped = mapDbError(error);
  const described =
    target.kind === 'sqlite' ? sqliteMessage(failure, target.path) : mysqlMessage(failure, target);
  if (!described) return mapped;
  const result = new DomainError('UNAVAILABLE', described.message, { retryable: described.retryable });
  Object.defineProperty(result, 'cause', { value: error, enumerable: false });
  return result;
}

export const isRetryableConnectFailure = (error: unknown): boolean =>
  error instanceof DomainError && error.details.retryable === true;

function mysqlMessage(
  failure: DriverFailure,
  target: Extract<ConnectTarget, { kind: 'mysql' }>,
): { message: string; retryable: boolean } | undefined {
  const at = `${target.host}:${target.port}`;
  const db = target.database;
  switch (failure.code) {
    case 'ECONNREFUSED':
      return {
        message: `Cannot connect to the database at ${at}: connection refused. Is MariaDB/MySQL running and listening there? Check the host and port in DATABASE_URL.`,
        retryable: true,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        message: `Cannot resolve the database host "${target.host}" (${failure.code}). Check the host in DATABASE_URL.`,
        retryable: true,
      };
    case 'ETIMEDOUT':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
      return {
        message: `No answer from the database at ${at} (connection timed out). Check the host, the port and any firewall between them.`,
        retryable: true,
      };
    case 'ER_BAD_DB_ERROR':
      return {
        message: `Unknown database \`${db}\` on ${at}. The service creates its tables, not the database: run CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4; then start again.`,
        retryable: true,
      };
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
      return {
        message: `Access denied for user '${target.user}' to database \`${db}\` on ${at}. Check the user name and password in DATABASE_URL, and that the user has ALL PRIVILEGES on \`${db}\`.* (GRANT ALL ON \`${db}\`.* TO '${target.user}'@'%').`,
        retryable: false,
      };
    case 'ER_SECURE_TRANSPORT_REQUIRED':
      return {
        message: `The database at ${at} requires TLS: add ?ssl=true to DATABASE_URL.`,
        retryable: false,
      };
    default:
      if (isTlsFailure(failure))
        return {
          message: `TLS to the database at ${at} failed (${failure.code || 'TLS'}: ${failure.message}). Check the server certificate, or the ssl setting in DATABASE_URL.`,
          retryable: false,
        };
      return undefined;
  }
}

function sqliteMessage(
  failure: DriverFailure,
  path: string,
): { message: string; retryable: boolean } | undefined {
  const unwritable =
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(failure.code) ||
    failure.code.startsWith('SQLITE_CANTOPEN') ||
    failure.code.startsWith('SQLITE_READONLY') ||
    failure.code.startsWith('SQLITE_IOERR');
  if (!unwritable) return undefined;
  return {
    message: `Cannot open the SQLite database ${path} for writing (${failure.code}). Make its directory writable by this user, or set DATABASE_URL=sqlite:<a writable path>.`,
    retryable: false,
  };
}

const isTlsFailure = (failure: DriverFailure): boolean =>
  /^(HANDSHAKE_|ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY))/.test(failure.code) ||
  /\b(SSL|TLS)\b/.test(failure.message);

function driverFailure(error: unknown): DriverFailure {
  const outer = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  };
  const inner = outer.driverError ?? outer;
  const code = typeof inner.code === 'string' ? inner.code : typeof outer.code === 'string' ? outer.code : '';
  return { code, message: String(inner.message ?? outer.message ?? '') };
}
