import { DataSource } from 'typeorm';
import { DomainError } from '../errors';
import type { Repositories, Store } from '../domain/store';
import { createRepositories } from './create-repositories';
import { dataSourceOptions } from './data-source-options';
import type { Dialect } from './dialect';
import { dialectFor } from './dialect';
import { PoolConnections } from './connections';
import { SqliteConnections } from './sqlite-connections';
import { mapDbError } from './map-db-error';
import type { PersistenceLogger } from './query-logger';
import type { Sql } from './sql';
import { AutoCommitSql } from './sql';

export interface StoreOptions {
  /** See `dataSourceOptions`: unset → ./data/identity.sqlite; `sqlite:<path>`; `mysql://…`; `mariadb://…`. */
  readonly databaseUrl?: string;
  /** Called with every SQL statement (tests count statements with it). */
  readonly onQuery?: (sql: string) => void;
  readonly logger?: PersistenceLogger;
}

/** Connects, runs pending migrations and returns the Store. Fails with UNAVAILABLE when the database cannot be reached. */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const dataSource = new DataSource(
    dataSourceOptions(options.databaseUrl, { logger: options.logger, onQuery: options.onQuery }),
  );
  try {
    await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw mapDbError(error);
  }
  const dialect = dialectFor(dataSource.options.type);
  const connections =
    dataSource.options.type === 'better-sqlite3'
      ? await SqliteConnections.open(dataSource, dialect, dataSource.options.timeout ?? 0)
      : new PoolConnections(dataSource, dialect);
  return new TypeOrmStore(dialect, connections);
}

class TypeOrmStore implements Store {
  readonly repositories: Repositories;
  private readonly sql: Sql;

  constructor(
    dialect: Dialect,
    private readonly connections: SqliteConnections | PoolConnections,
  ) {
    this.sql = new AutoCommitSql(dialect, connections);
    this.repositories = createRepositories(this.sql);
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.connections.transaction((sql) => work(createRepositories(sql)));
  }

  async ping(): Promise<void> {
    try {
      await this.sql.rows('SELECT 1 AS ok');
    } catch (error) {
      const mapped = mapDbError(error);
      if (mapped.code === 'UNAVAILABLE') throw mapped;
      const unavailable = new DomainError('UNAVAILABLE', 'Database unavailable');
      Object.defineProperty(unavailable, 'cause', { value: mapped, enumerable: false });
      throw unavailable;
    }
  }

  close(): Promise<void> {
    return this.connections.close();
  }
}
