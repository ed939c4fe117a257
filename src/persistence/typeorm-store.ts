import { DataSource } from 'typeorm';
import type { Repositories, Store } from '../domain/store';
import { createRepositories } from './create-repositories';
import { dataSourceOptions } from './data-source-options';
import type { Dialect } from './dialect';
import { dialectFor } from './dialect';
import { PoolConnections, SqliteConnections } from './connections';
import { mapDbError } from './map-db-error';
import type { PersistenceLogger } from './query-logger';
import type { ReadinessProbe } from './readiness-probe';
import { DedicatedConnectionProbe, OpenHandleProbe } from './readiness-probe';
import type { MysqlTarget } from './readiness-probe';
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
  const sqlite = dialect.name === 'sqlite';
  const connections = sqlite
    ? new SqliteConnections(dataSource, dialect)
    : new PoolConnections(dataSource, dialect);
  const probe = sqlite
    ? new OpenHandleProbe(dataSource)
    : new DedicatedConnectionProbe(dataSource.options as MysqlTarget);
  return new TypeOrmStore(dialect, connections, probe);
}

class TypeOrmStore implements Store {
  readonly repositories: Repositories;
  private readonly sql: Sql;

  constructor(
    dialect: Dialect,
    private readonly connections: SqliteConnections | PoolConnections,
    private readonly probe: ReadinessProbe,
  ) {
    this.sql = new AutoCommitSql(dialect, connections);
    this.repositories = createRepositories(this.sql);
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.connections.transaction((sql) => work(createRepositories(sql)));
  }

  /** On a connection of its own (see readiness-probe.ts): readiness never queues behind requests. */
  ping(): Promise<void> {
    return this.probe.ping();
  }

  async close(): Promise<void> {
    await this.probe.close();
    await this.connections.close();
  }
}
