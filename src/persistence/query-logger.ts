import type { Logger } from 'typeorm';

/** The slice of a pino-like logger persistence writes to. */
export interface PersistenceLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface QueryObserver {
  readonly logger?: PersistenceLogger;
  /** Called with every SQL statement sent to the database (tests count statements, and plan them). */
  readonly onQuery?: (sql: string, parameters?: readonly unknown[]) => void;
}

/**
 * TypeORM's logger hook. Failed queries are not logged here: the error is translated by
 * `map-db-error.ts` and logged once, with the request id, by whoever answers the request.
 */
export class QueryLogger implements Logger {
  constructor(private readonly observer: QueryObserver) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.observer.onQuery?.(query, parameters);
  }

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    // The statement text is ours (values are parameters), so it is safe to log.
    this.observer.logger?.warn({ durationMs: time, sql: query.slice(0, 500) }, 'Slow database query');
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.observer.logger?.warn({ detail: String(message) }, 'Database driver warning');
  }
}
