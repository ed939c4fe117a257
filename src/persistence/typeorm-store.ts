import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { Rehearsal, Repositories, Store } from '../domain/store';
import { createRepositories } from './create-repositories';
import { connectTarget, dataSourceOptions } from './data-source-options';
import { describeConnectFailure, isRetryableConnectFailure } from './connect-error';
import type { Dialect } from './dialect';
import { dialectFor } from './dialect';
import { PoolConnections } from './connections';
import { RehearsalConnections } from './rehearsal';
import { SqliteConnections } from './sqlite-connections';
import type { PersistenceLogger } from './query-logger';
import type { DatabaseObserver } from './observed-connections';
import { ObservedConnections } from './observed-connections';
import type { ReadinessProbe } from './readiness-probe';
import { DedicatedConnectionProbe, OpenHandleProbe } from './readiness-probe';
import type { MysqlTarget } from './readiness-probe';
import type { ConnectionSource, Sql } from './sql';
import { AutoCommitSql } from './sql';

export interface StoreOptions {
  /** See `dataSourceOptions`: unset → ./data/identity.sqlite; `sqlite:<path>`; `mysql://…`; `mariadb://…`. */
  readonly databaseUrl?: string;
  /** Called with every SQL statement and its parameters (tests count statements, and plan them). */
  readonly onQuery?: (sql: string, parameters?: readonly unknown[]) => void;
  readonly logger?: PersistenceLogger;
  /**
   * How long to keep retrying, with backoff, a database that is not there yet (refused, unknown
   * host or database, timeout) before failing with the cause; 0 fails at once. DB_CONNECT_RETRY_SECONDS.
   */
  readonly connectRetrySeconds?: number;
  /** Sees every statement and transaction (the app's /metrics: database usage and durations). */
  readonly observer?: DatabaseObserver;
}

/**
 * Connects, runs pending migrations and returns the Store. Fails with UNAVAILABLE when the database
 * cannot be reached; the message names the cause and the fix (see connect-error.ts).
 */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const dataSourceSettings = dataSourceOptions(options.databaseUrl, {
    logger: options.logger,
    onQuery: options.onQuery,
  });
  const dataSource = await connectWithRetry(dataSourceSettings, options);
  const dialect = dialectFor(dataSource.options.type);
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const connections = sqlite
    ? await SqliteConnections.open(dataSource, dialect, dataSource.options.timeout ?? 0)
    : new PoolConnections(dataSource, dialect);
  const probe = sqlite
    ? new OpenHandleProbe(dataSource)
    : new DedicatedConnectionProbe(dataSource.options as MysqlTarget);
  return new TypeOrmStore(dialect, connections, probe, options.observer);
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

async function connectWithRetry(settings: DataSourceOptions, options: StoreOptions): Promise<DataSource> {
  const deadline = Date.now() + (options.connectRetrySeconds ?? 0) * 1000;
  for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
    const dataSource = new DataSource(settings);
    try {
      return await dataSource.initialize();
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      const failure = describeConnectFailure(error, connectTarget(settings));
      const wait = Math.min(delay, deadline - Date.now());
      if (!isRetryableConnectFailure(failure) || wait <= 0) throw failure;
      options.logger?.warn(
        { retryInMs: wait, cause: failure.message },
        'database not reachable yet; retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

class TypeOrmStore implements Store {
  readonly repositories: Repositories;
  private readonly sql: Sql;

  private readonly source: ConnectionSource;
  private readonly rehearsals: RehearsalConnections;

  constructor(
    dialect: Dialect,
    private readonly connections: SqliteConnections | PoolConnections,
    private readonly probe: ReadinessProbe,
    observer: DatabaseObserver | undefined,
  ) {
    // Every statement passes the rehearsals, so a dry-run request's all reach its one held
    // transaction. Metrics see its statements and savepoints, not the held transaction (which would
    // count as a failed transaction for each dry-run request).
    this.rehearsals = new RehearsalConnections(connections, dialect);
    this.source = observer ? new ObservedConnections(this.rehearsals, observer) : this.rehearsals;
    this.sql = new AutoCommitSql(dialect, this.source);
    this.repositories = createRepositories(this.sql);
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.source.transaction((sql) => {
      const repositories = createRepositories(sql);
      const rehearsal = this.rehearsals.current();
      return work(rehearsal ? rehearsal.capturing(repositories) : repositories);
    });
  }

  rehearse<T>(work: (rehearsal: Rehearsal) => T): T {
    return this.rehearsals.rehearse(work);
  }

  currentRehearsal(): Rehearsal | null {
    return this.rehearsals.inScope();
  }

  outsideRehearsal<T>(work: () => T): T {
    return this.rehearsals.outside(work);
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
