import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { DataSource, Logger } from 'typeorm';
import type { SqlParam } from './dialect';
import type { SqlConnection, StatementResult } from './sql';

/** The slice of a pooled mysql2 connection (callback API) statements use. */
export interface PooledMysqlConnection {
  query(
    options: string | { sql: string; timeout: number },
    values: readonly SqlParam[] | undefined,
    callback: (error: Error | null, result: unknown) => void,
  ): unknown;
  /** A prepared statement: prepared on first use, kept in the connection's cache of statements. */
  execute(
    options: string | { sql: string; timeout: number },
    values: readonly SqlParam[] | undefined,
    callback: (error: Error | null, result: unknown) => void,
  ): unknown;
  release(): void;
  destroy(): void;
}

/** How statements run on a pool's connections: TypeORM's logger and query timeout settings. */
export interface MysqlStatementSettings {
  readonly logger: Logger;
  /** Slower statements are logged (TypeORM's `maxQueryExecutionTime`); 0 never. */
  readonly slowMs: number;
  /** A statement still unanswered after this long fails (mysql2's per-query `timeout`); 0 never. */
  readonly timeoutMs: number;
}

export function mysqlStatementSettings(dataSource: DataSource): MysqlStatementSettings {
  const options = dataSource.options as { maxQueryExecutionTime?: number; enableQueryTimeout?: boolean };
  const slowMs = options.maxQueryExecutionTime ?? 0;
  return { logger: dataSource.logger, slowMs, timeoutMs: options.enableQueryTimeout ? slowMs : 0 };
}

/**
 * A connection borrowed from TypeORM's pool, the way a QueryRunner borrows one (TypeORM attaches
 * the connection's error listener); whoever borrowed it gives it back with `release` or `destroy`.
 */
export async function borrowMysqlConnection(
  dataSource: DataSource,
  settings: MysqlStatementSettings,
): Promise<MysqlConnection> {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<PooledMysqlConnection> };
  return new MysqlConnection(settings, await driver.obtainMasterConnection());
}

/**
 * Runs statements on one pooled mysql2 connection through its callback API — what TypeORM's
 * MysqlQueryRunner.query does, without its per-statement layers (a promise wrapper object per
 * statement, subscriber broadcasts — no subscribers are registered — and the QueryRunner itself,
 * created and released per statement). What callers see is the same: every statement goes to the
 * logger (`logQuery`; `logQuerySlow` past `slowMs`), runs under the same timeout, fails with
 * TypeORM's QueryFailedError around the driver's error (what map-db-error.ts reads), and answers
 * with the fields of TypeORM's QueryResult the Sql classes read. Once given back it refuses
 * statements as a released QueryRunner does: a late statement of a finished transaction must not
 * run on a connection that now serves someone else.
 */
export class MysqlConnection implements SqlConnection {
  private released = false;

  constructor(
    private readonly settings: MysqlStatementSettings,
    /** The mysql2 connection: the identity of its session (see PoolConnections' READ COMMITTED). */
    readonly pooled: PooledMysqlConnection,
  ) {}

  /** Back to the pool (a no-op once destroyed, or when the pool is closed). */
  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      this.pooled.release();
    } catch {
      // A closed pool has nothing to take back.
    }
  }

  /** Closed instead of given back: the server ends its session (rolling back what it had open). */
  destroy(): void {
    this.released = true;
    this.pooled.destroy();
  }

  query(sql: string, params?: readonly SqlParam[]): Promise<StatementResult> {
    return this.statement('query', sql, params);
  }

  /**
   * A prepared statement, logged, timed out and failing as `query` does. mysql2 formats a query's
   * parameters into its text on the client (a string escaped character by character, bytes as a hex
   * literal twice their size); a prepared statement's parameters go in binary, text and bytes as
   * they are. The statement is prepared once per connection and kept in mysql2's per-connection
   * cache (an LRU of `maxPreparedStatements`, 16,000 by default): callers run few distinct ones.
   */
  execute(sql: string, params?: readonly SqlParam[]): Promise<StatementResult> {
    return this.statement('execute', sql, params);
  }

  private statement(
    kind: 'query' | 'execute',
    sql: string,
    params: readonly SqlParam[] | undefined,
  ): Promise<StatementResult> {
    if (this.released) return Promise.reject(new QueryRunnerAlreadyReleasedError());
    const { logger, slowMs, timeoutMs } = this.settings;
    logger.logQuery(sql, params as SqlParam[] | undefined);
    const started = Date.now();
    return new Promise<StatementResult>((resolve, reject) => {
      const done = (error: Error | null, raw: unknown) => {
        const elapsed = Date.now() - started;
        if (slowMs && elapsed > slowMs) logger.logQuerySlow(elapsed, sql, params as SqlParam[] | undefined);
        if (error) {
          logger.logQueryError(error, sql, params as SqlParam[] | undefined);
          reject(new QueryFailedError(sql, params as SqlParam[] | undefined, error));
        } else resolve(resultOf(raw));
      };
      try {
        this.pooled[kind](timeoutMs ? { sql, timeout: timeoutMs } : sql, params, done);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)), undefined);
      }
    });
  }
}

/** TypeORM's QueryResult fields: rows for a SELECT (none for a write), a write's affected rows. */
function resultOf(raw: unknown): StatementResult {
  if (Array.isArray(raw)) return { records: raw, raw };
  const affected = (raw as { affectedRows?: number } | undefined)?.affectedRows;
  return { records: [], affected, raw };
}
