import type { DataSource } from 'typeorm';
import type { Dialect } from './dialect';
import { mapDbError } from './map-db-error';
import type { MysqlConnection, MysqlStatementSettings } from './mysql-connection';
import { borrowMysqlConnection, mysqlStatementSettings } from './mysql-connection';
import type { ConnectionSource, Sql, SqlConnection } from './sql';
import { TransactionSql } from './sql';

/**
 * On Galera a conflicting commit on another node refuses ours at certification with the same 1213
 * as a deadlock, and multi-primary writes to one organization's rows make that routine rather than
 * rare: five tries with growing jittered pauses, then UNAVAILABLE (503) with nothing applied.
 */
const DEADLOCK_ATTEMPTS = 5;

/**
 * MySQL/MariaDB: the mysql2 pool handles concurrency. Transactions run at READ COMMITTED; a
 * transaction chosen as a deadlock victim, or refused by Galera certification, is retried (its work
 * only touches the database).
 */
export class PoolConnections implements ConnectionSource {
  /** Pooled connections whose session already runs transactions at READ COMMITTED. */
  private readonly readCommittedSessions = new WeakSet<object>();
  private readonly settings: MysqlStatementSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {
    this.settings = mysqlStatementSettings(dataSource);
  }

  /**
   * A pooled connection for one statement, given back after it. Statements run on mysql2's
   * connection directly (see MysqlConnection), not through a TypeORM QueryRunner made for each.
   */
  async withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T> {
    const connection = await this.borrow();
    try {
      return await work(connection);
    } catch (error) {
      if (isQueryTimeout(error)) connection.destroy();
      throw error;
    } finally {
      connection.release();
    }
  }

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw mapDbError(error);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** From TypeORM's pool; failing to get one (pool closed, server gone) is translated like a statement's failure. */
  private async borrow(): Promise<MysqlConnection> {
    try {
      return await borrowMysqlConnection(this.dataSource, this.settings);
    } catch (error) {
      throw mapDbError(error);
    }
  }

  /**
   * READ COMMITTED is set once for a pooled connection's session rather than before every
   * transaction: a statement less per write. A replacement connection is a new object, so it is set
   * again; connections are never reset on release (mysql2's `resetOnRelease` is off).
   */
  private async readCommitted(connection: MysqlConnection): Promise<void> {
    if (this.readCommittedSessions.has(connection.pooled)) return;
    await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    this.readCommittedSessions.add(connection.pooled);
  }

  /** One try: the statements TypeORM's startTransaction / commitTransaction / rollbackTransaction send. */
  private async once<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const connection = await this.borrow();
    try {
      await this.readCommitted(connection);
      await connection.query('START TRANSACTION');
      try {
        const result = await work(new TransactionSql(this.dialect, connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        // A timed-out connection would queue the ROLLBACK forever; closing it rolls back on the server.
        // (A failed COMMIT is rolled back too: the transaction may still be open.)
        if (isQueryTimeout(error)) connection.destroy();
        else await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      connection.release();
    }
  }
}

/**
 * mysql2 answers a statement that outlived `queryTimeout` with PROTOCOL_SEQUENCE_TIMEOUT but keeps
 * the statement as the connection's current command: if its reply never comes (a hung network),
 * every later statement on that connection waits behind it, with no timeout of its own. Such a
 * connection is destroyed instead of going back to the pool.
 */
function isQueryTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined; e;) {
    if (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT') return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

function isDeadlock(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; errno?: unknown; cause?: unknown; driverError?: unknown } | undefined;
    e;
  ) {
    if (e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
