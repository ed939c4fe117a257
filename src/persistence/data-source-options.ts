import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { DomainError } from '../errors';
import { ENTITIES } from './entities';
import type { QueryObserver } from './query-logger';
import { QueryLogger } from './query-logger';
import type { ConnectTarget } from './connect-error';

export const DEFAULT_SQLITE_PATH = './data/identity.sqlite';

/** How long a write may wait for another process's lock (SQLite) or a statement run (MySQL) before it fails. */
const BUSY_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_POOL_SIZE = 10;

/**
 * The TypeORM options for a `DATABASE_URL`:
 * - unset → the SQLite file `./data/identity.sqlite` (its directory is created on connect);
 * - `sqlite:<path>` → that SQLite file (`sqlite::memory:` → an in-memory database);
 *   `?busyTimeout=MS` how long a transaction or statement waits, in total, for another process's
 *   write lock before it fails with UNAVAILABLE (default 5000; the wait does not block the event
 *   loop, see SqliteConnections; at start-up, before serving, migrations wait for it synchronously);
 * - `mysql://user:pass@host:port/db` or `mariadb://…` → MySQL/MariaDB through a mysql2 pool;
 *   `?poolSize=N` sets the pool size (default 10), `?queryTimeout=MS` how long a statement may run
 *   (default 30000; 0 disables), `?ssl=true` connects over TLS. Use `mariadb://` for MariaDB servers: TypeORM reads their schema
 *   differently, which matters to the migration drift check and the TypeORM CLI.
 * Migrations always run on initialize; `synchronize` is always off.
 */
export function dataSourceOptions(
  databaseUrl: string | undefined,
  extra: QueryObserver = {},
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new QueryLogger(extra),
  } as const;
  const url = databaseUrl?.trim() || `sqlite:${DEFAULT_SQLITE_PATH}`;
  if (url.startsWith('sqlite:')) return { ...common, ...sqliteOptions(url) };
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) return { ...common, ...mysqlOptions(url) };
  throw new DomainError('BAD_USER_INPUT', 'DATABASE_URL must start with sqlite:, mysql:// or mariadb://', {
    field: 'DATABASE_URL',
  });
}

function sqlitePath(url: string): string {
  const query = url.indexOf('?');
  const rest = url.slice('sqlite:'.length, query === -1 ? undefined : query);
  if (rest === ':memory:' || rest === '//:memory:') return ':memory:';
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '')
    throw new DomainError('BAD_USER_INPUT', 'DATABASE_URL sqlite: needs a file path', {
      field: 'DATABASE_URL',
    });
  return path;
}

function sqliteOptions(url: string) {
  const database = sqlitePath(url);
  const query = url.indexOf('?');
  const params = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  const busyTimeout = integerParam(params, 'busyTimeout', BUSY_TIMEOUT_MS, 0);
  return {
    type: 'better-sqlite3' as const,
    database,
    // SQLite's own busy wait while migrations run; SqliteConnections lowers it once open.
    timeout: busyTimeout,
    prepareDatabase: (db: SqliteHandle) => {
      if (database !== ':memory:') {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma(`busy_timeout = ${busyTimeout}`);
      db.pragma('foreign_keys = ON');
      // LIKE is case-sensitive on both dialects; case-insensitive matching uses lower-cased keys.
      db.pragma('case_sensitive_like = ON');
      // SQLite's LOWER folds ASCII only; MySQL's folds Unicode. Make SQLite agree.
      db.function('lower', { deterministic: true }, (value: unknown) =>
        value === null || value === undefined ? null : String(value).toLowerCase(),
      );
    },
  };
}

interface SqliteHandle {
  pragma(source: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

function mysqlOptions(url: string) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database)
    throw new DomainError('BAD_USER_INPUT', 'DATABASE_URL must name a database', { field: 'DATABASE_URL' });
  const poolSize = integerParam(parsed.searchParams, 'poolSize', DEFAULT_POOL_SIZE, 1);
  const queryTimeout = integerParam(parsed.searchParams, 'queryTimeout', QUERY_TIMEOUT_MS, 0);
  return {
    type: parsed.protocol === 'mariadb:' ? ('mariadb' as const) : ('mysql' as const),
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    // utf8mb4 with the binary collation, as every column is: literals compare like columns do.
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    poolSize,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // `?ssl=true`: TLS with the server certificate verified against the system's CAs.
    ...(parsed.searchParams.get('ssl') === 'true' && { ssl: { rejectUnauthorized: true } }),
    // Slow statements are logged, and (unless 0) cut off so a hung server cannot hold requests forever.
    maxQueryExecutionTime: queryTimeout || QUERY_TIMEOUT_MS,
    enableQueryTimeout: queryTimeout > 0,
    extra: {
      waitForConnections: true,
      queueLimit: 1000,
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
      maxIdle: poolSize,
      idleTimeout: 60_000,
      // No stack captured for every statement's promise (an Error per query): errors are mapped anyway.
      trace: false,
      // The READ COMMITTED session setting (see PoolConnections) must survive a release.
      resetOnRelease: false,
    },
  };
}

function integerParam(params: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = params.get(name);
  const value = raw === null ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new DomainError('BAD_USER_INPUT', `DATABASE_URL ${name} must be an integer of at least ${min}`, {
      field: 'DATABASE_URL',
    });
  }
  return value;
}

/** Where a DataSource connects, as start-up error messages name it (never the password). */
export function connectTarget(options: DataSourceOptions): ConnectTarget {
  if (options.type === 'better-sqlite3') return { kind: 'sqlite', path: String(options.database) };
  const mysql = options as { host?: string; port?: number; username?: string; database?: string };
  return {
    kind: 'mysql',
    host: mysql.host ?? '127.0.0.1',
    port: mysql.port ?? 3306,
    user: mysql.username ?? '',
    database: mysql.database ?? '',
  };
}
