import { createConnection } from 'mysql2';
import type { Connection } from 'mysql2';
import type { DataSource } from 'typeorm';
import { DomainError } from '../errors';

/** How long a readiness ping may take before the database counts as unreachable. */
const PING_TIMEOUT_MS = 2_000;

/** Answers "can this process reach its database?" without waiting behind the requests it serves. */
export interface ReadinessProbe {
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Where the pool connects (the DataSource's MySQL options): the probe connects there too. */
export interface MysqlTarget {
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: unknown;
  readonly database?: string;
  /** TLS options as the pool has them (`?ssl=true`): the probe must reach the server the same way. */
  readonly ssl?: unknown;
}

const unavailable = () => new DomainError('UNAVAILABLE', 'Database unavailable');

/**
 * MySQL/MariaDB: one connection of its own, outside the pool. A ping through the pool waits in the
 * pool's queue behind every request, so a busy pool looked like an unreachable database and took
 * the instance out of the load balancer exactly when it was busiest. The connection is opened on
 * the first ping and replaced after any failure; connecting and the ping share one short deadline.
 */
export class DedicatedConnectionProbe implements ReadinessProbe {
  private connection: Connection | undefined;
  private closed = false;

  constructor(private readonly options: MysqlTarget) {}

  ping(): Promise<void> {
    // A closed store is unavailable: reopening a connection here would outlive the pool it reports on.
    if (this.closed) return Promise.reject(unavailable());
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.discard();
        reject(unavailable());
      }, PING_TIMEOUT_MS);
      this.current().query({ sql: 'SELECT 1', timeout: PING_TIMEOUT_MS }, (error) => {
        clearTimeout(timer);
        if (!error) return resolve();
        this.discard();
        reject(unavailable());
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.discard();
  }

  private current(): Connection {
    if (this.connection) return this.connection;
    const { host, port, username, password, database, ssl } = this.options;
    const connection = createConnection({
      host: host ?? '127.0.0.1',
      port: port ?? 3306,
      user: username,
      password: typeof password === 'string' ? password : undefined,
      database,
      connectTimeout: PING_TIMEOUT_MS,
      ...(ssl !== undefined && { ssl: ssl as object }),
    });
    // A dropped idle connection reports here; the next ping opens a new one.
    connection.on('error', () => {
      if (this.connection === connection) this.connection = undefined;
    });
    this.connection = connection;
    return connection;
  }

  private discard(): void {
    this.connection?.destroy();
    this.connection = undefined;
  }
}

/**
 * SQLite runs in this process on one connection whose statements are serialised by a mutex: a
 * ping through it would wait for a busy writer. `SELECT 1` on the open handle, outside the mutex,
 * touches no page and takes no lock — an open handle is what "reachable" means for an embedded
 * database — and better-sqlite3 runs it synchronously, so it cannot interleave with a statement.
 */
export class OpenHandleProbe implements ReadinessProbe {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    if (!this.dataSource.isInitialized) throw unavailable();
    await this.dataSource.query('SELECT 1').catch(() => {
      throw unavailable();
    });
  }

  async close(): Promise<void> {}
}
