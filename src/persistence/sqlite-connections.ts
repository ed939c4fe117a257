import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Dialect, SqlParam } from './dialect';
import { isSqliteBusy, mapDbError } from './map-db-error';
import { AsyncMutex } from './async-mutex';
import type { ConnectionSource, Sql, SqlConnection } from './sql';
import { TransactionSql } from './sql';

/**
 * How long SQLite itself waits for a lock once the store is open. better-sqlite3 waits
 * synchronously — the whole event loop stands still — so this stays at a few milliseconds (enough for
 * another process's short commit) and longer waits happen here, asynchronously, between attempts.
 */
export const SQLITE_LOCK_POLL_MS = 5;
const FIRST_RETRY_DELAY_MS = 5;
const MAX_RETRY_DELAY_MS = 100;

/**
 * SQLite through better-sqlite3 is a single connection. Transactions are serialized by a mutex and
 * statements outside a transaction take the same mutex, so a read never sees another request's
 * uncommitted rows and two transactions never nest by accident. Inside a transaction (tracked with
 * AsyncLocalStorage) statements and nested transactions run on it directly instead of deadlocking.
 *
 * Another process (the CLI, a second instance) may hold the file's write lock. A transaction or
 * statement that meets it (SQLITE_BUSY) releases the connection, sleeps, and tries again until
 * `lockTimeoutMs` after it was asked for, then fails with UNAVAILABLE having written nothing;
 * meanwhile reads and /healthz go on. This process's transactions queue for the write lock one at a
 * time (`writers`), so only one of them polls the file and they keep their arrival order.
 */
export class SqliteConnections implements ConnectionSource {
  /** One use of the connection at a time: a statement, or a transaction from BEGIN to COMMIT. */
  private readonly connection = new AsyncMutex();
  /** This process's transactions, first come first served, each for as long as it waits and runs. */
  private readonly writers = new AsyncMutex();
  private readonly inTransaction = new AsyncLocalStorage<SqlConnection>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
    private readonly lockTimeoutMs: number,
  ) {}

  /** Lowers SQLite's own (blocking) busy wait once start-up, which may wait for it, is over. */
  static async open(dataSource: DataSource, dialect: Dialect, lockTimeoutMs: number) {
    await dataSource.query(`PRAGMA busy_timeout = ${SQLITE_LOCK_POLL_MS}`);
    return new SqliteConnections(dataSource, dialect, lockTimeoutMs);
  }

  withConnection<T>(
    work: (connection: SqlConnection) => Promise<T>,
    options: { readonly waitForLock?: boolean } = {},
  ): Promise<T> {
    const current = this.inTransaction.getStore();
    if (current) return work(current);
    const attempt = () => this.connection.run(() => work(this.newConnection()));
    return options.waitForLock === false ? attempt() : this.retryWhileBusy(this.deadline(), attempt);
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const current = this.inTransaction.getStore();
    if (current) return work(new TransactionSql(this.dialect, current));
    const deadline = this.deadline();
    return this.writers.run(() =>
      this.retryWhileBusy(deadline, () =>
        this.connection.run(() => {
          const connection = this.newConnection();
          return this.inTransaction.run(connection, () => this.run(connection, work));
        }),
      ),
    );
  }

  /** Waits for the transaction in progress, refreshes the planner's statistics (cheap) and closes. */
  close(): Promise<void> {
    return this.writers.run(() =>
      this.connection.run(async () => {
        if (!this.dataSource.isInitialized) return;
        await this.dataSource.query('PRAGMA optimize').catch(() => undefined);
        await this.dataSource.destroy();
      }),
    );
  }

  /** A TypeORM QueryRunner on the one connection, as statements use it. */
  private newConnection(): SqlConnection {
    const queryRunner: QueryRunner = this.dataSource.createQueryRunner();
    const query = (sql: string, params?: readonly SqlParam[]) =>
      queryRunner.query(sql, params as SqlParam[] | undefined, true);
    return { query, execute: query };
  }

  private deadline(): number {
    return Date.now() + this.lockTimeoutMs;
  }

  /**
   * Tries at least once — a transaction that waited behind this process's own writers past its
   * deadline still gets its turn — and again after SQLITE_BUSY, with growing, jittered pauses, until
   * the deadline. A busy attempt wrote nothing (BEGIN IMMEDIATE failed, or the transaction rolled
   * back), so trying again is safe.
   */
  private async retryWhileBusy<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
    for (let delay = FIRST_RETRY_DELAY_MS; ; delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS)) {
      try {
        return await attempt();
      } catch (error) {
        const remaining = deadline - Date.now();
        if (!isSqliteBusy(error) || remaining <= 0) throw mapDbError(error);
        const pause = Math.min(remaining, delay / 2 + Math.random() * (delay / 2));
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async run<T>(connection: SqlConnection, work: (sql: Sql) => Promise<T>): Promise<T> {
    try {
      // IMMEDIATE takes the write lock up front: it fails at once (and is retried) rather than
      // halfway through, and in WAL mode a deferred transaction's first write could fail with
      // SQLITE_BUSY_SNAPSHOT after it has read.
      await connection.query('BEGIN IMMEDIATE');
    } catch (error) {
      throw mapDbError(error);
    }
    try {
      const result = await work(new TransactionSql(this.dialect, connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw mapDbError(error);
    }
  }
}
