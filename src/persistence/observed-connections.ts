import type { ConnectionSource, Sql, SqlConnection } from './sql';

/** What a unit of database work was: one statement outside a transaction, or a whole transaction. */
export type DatabaseWorkKind = 'statement' | 'transaction';

/**
 * Sees every use of the database (for metrics): `begin` when work asks for a connection (it may
 * still wait for one), the returned function when the connection is given back.
 */
export interface DatabaseObserver {
  begin(kind: DatabaseWorkKind): (outcome: 'ok' | 'error') => void;
}

/**
 * A ConnectionSource that reports each statement and transaction to an observer: how many hold or
 * wait for a connection, and how long each took from asking to giving back. The observer is called
 * twice per unit of work, never per row.
 */
export class ObservedConnections implements ConnectionSource {
  constructor(
    private readonly inner: ConnectionSource,
    private readonly observer: DatabaseObserver,
  ) {}

  withConnection<T>(
    work: (connection: SqlConnection) => Promise<T>,
    options?: { readonly waitForLock?: boolean },
  ): Promise<T> {
    return this.observe('statement', () => this.inner.withConnection(work, options));
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.observe('transaction', () => this.inner.transaction(work));
  }

  private async observe<T>(kind: DatabaseWorkKind, work: () => Promise<T>): Promise<T> {
    const end = this.observer.begin(kind);
    try {
      const result = await work();
      end('ok');
      return result;
    } catch (error) {
      end('error');
      throw error;
    }
  }
}
