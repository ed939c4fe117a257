import type { Dialect, SqlParam } from './dialect';
import { isSqliteBusy, mapDbError } from './map-db-error';

/**
 * What repositories run SQL through: parameterised statements only, every failure translated by
 * `mapDbError`. One implementation is bound to a transaction, the other borrows a connection per
 * statement.
 */
export interface Sql {
  readonly dialect: Dialect;
  rows<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a write and returns the number of affected rows. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * A write only worth doing if it need not wait: when another process holds SQLite's write lock it
   * is skipped (0 rows) instead of retried. Elsewhere (MySQL, inside a transaction) it is `run`.
   */
  runUnlessLocked(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs a write and returns the id the server reports for it (MySQL's `insert_id`: an
   * AUTO_INCREMENT value, or the argument of `LAST_INSERT_ID(expr)`; 0 when there is none).
   */
  runForInsertId(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * `run` as a prepared statement: on MySQL the binary protocol sends each parameter as it is (text
   * and bytes, with no formatting into the statement on the client: see `SqlConnection.execute`).
   * The statement stays prepared on each pooled connection it ran on, so callers bound how many
   * distinct statements they run this way.
   */
  runPrepared(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Runs several statements all-or-nothing: inside the current transaction, or in a new one. */
  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

/** What a statement answered: the fields of TypeORM's QueryResult that statements read. */
export interface StatementResult {
  /** A SELECT's rows; empty for a write. */
  readonly records?: readonly unknown[];
  /** A write's affected rows. */
  readonly affected?: number;
  /** The driver's own answer (MySQL's `insertId` is read from it). */
  readonly raw?: unknown;
}

/**
 * One database connection statements run on: a TypeORM QueryRunner (SQLite), or a pooled mysql2
 * connection (MySQL, see mysql-connection.ts). Failures are the driver's or TypeORM's, untranslated.
 */
export interface SqlConnection {
  query(sql: string, params?: readonly SqlParam[]): Promise<StatementResult>;
  /**
   * `query` as a prepared statement (mysql2's `execute`: prepared once per connection and cached
   * there, then only its parameters are sent, in binary). SQLite prepares every statement anyway.
   */
  execute(sql: string, params?: readonly SqlParam[]): Promise<StatementResult>;
}

async function execute(
  connection: SqlConnection,
  sql: string,
  params: readonly SqlParam[],
  prepared = false,
) {
  try {
    return await (prepared ? connection.execute(sql, params) : connection.query(sql, params));
  } catch (error) {
    throw mapDbError(error);
  }
}

function insertIdOf(result: StatementResult): number {
  const raw = result.raw as { insertId?: number | string } | undefined;
  return Number(raw?.insertId ?? 0);
}

/** Statements inside a transaction, on the transaction's connection. */
export class TransactionSql implements Sql {
  constructor(
    readonly dialect: Dialect,
    /** The transaction's connection (a dry-run rehearsal holds it open across a request). */
    readonly connection: SqlConnection,
  ) {}

  async rows<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return ((await execute(this.connection, sql, params)).records ?? []) as T[];
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return (await execute(this.connection, sql, params)).affected ?? 0;
  }

  runUnlessLocked(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.run(sql, params);
  }

  async runForInsertId(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return insertIdOf(await execute(this.connection, sql, params));
  }

  async runPrepared(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return (await execute(this.connection, sql, params, true)).affected ?? 0;
  }

  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }
}

/** How a statement outside a transaction gets a connection, and how a new transaction starts. */
export interface ConnectionSource {
  /** `waitForLock: false`: one attempt, failing with SQLITE_BUSY rather than waiting for another process. */
  withConnection<T>(
    work: (connection: SqlConnection) => Promise<T>,
    options?: { readonly waitForLock?: boolean },
  ): Promise<T>;
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

/** Statements outside a transaction: each borrows a connection (MySQL pool) or the lock (SQLite). */
export class AutoCommitSql implements Sql {
  constructor(
    readonly dialect: Dialect,
    private readonly source: ConnectionSource,
  ) {}

  rows<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return this.source.withConnection(
      async (connection) => ((await execute(connection, sql, params)).records ?? []) as T[],
    );
  }

  run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.source.withConnection(
      async (connection) => (await execute(connection, sql, params)).affected ?? 0,
    );
  }

  async runUnlessLocked(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    try {
      return await this.source.withConnection(
        async (connection) => (await execute(connection, sql, params)).affected ?? 0,
        {
          waitForLock: false,
        },
      );
    } catch (error) {
      if (isSqliteBusy(error)) return 0;
      throw error;
    }
  }

  runForInsertId(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.source.withConnection(async (connection) =>
      insertIdOf(await execute(connection, sql, params)),
    );
  }

  runPrepared(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.source.withConnection(
      async (connection) => (await execute(connection, sql, params, true)).affected ?? 0,
    );
  }

  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.source.transaction(work);
  }
}
