import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEventRecord } from '../domain/audit/audit-event';
import type { Rehearsal, Repositories } from '../domain/store';
import { DomainError } from '../errors';
import { AsyncMutex } from './async-mutex';
import type { Dialect, SqlParam } from './dialect';
import { mapDbError } from './map-db-error';
import type { ConnectionSource, Sql, SqlConnection } from './sql';
import { TransactionSql } from './sql';

/** Where a piece of work runs: which rehearsal, and whether already inside one of its savepoints. */
interface Frame {
  readonly session: RehearsalSession;
  readonly inSavepoint: boolean;
}

/**
 * Dry run at the connection level (see `Rehearsal` in domain/store.ts). A rehearsal scope is an
 * AsyncLocalStorage frame around one HTTP request. Until the request's rehearsal `begin`s, everything
 * passes through to the real source (authentication's `last used` stamp is connection metadata and
 * is kept). From `begin` to `end`, every statement of the scope runs on the rehearsal's one
 * transaction, and every `transaction` becomes a savepoint in it — released on success, rolled back
 * to on failure, exactly as a real transaction would have committed or rolled back — so a later step
 * of the request sees the earlier would-be writes and a failed step leaves nothing behind. `end`
 * rolls the whole transaction back. Once ended, any use of the store in the scope fails (never falls
 * through to committing).
 *
 * The held transaction is a real one of the inner source, so it queues and locks as any
 * transaction: on SQLite the request holds the write lock from `begin` to `end`; on MariaDB its row
 * locks (and the organization's event-sequence lock) are held until the rollback.
 */
export class RehearsalConnections implements ConnectionSource {
  private readonly frames = new AsyncLocalStorage<Frame>();

  constructor(
    private readonly inner: ConnectionSource,
    private readonly dialect: Dialect,
  ) {}

  rehearse<T>(work: (rehearsal: Rehearsal) => T): T {
    const session = new RehearsalSession(this.inner, this.dialect);
    return this.frames.run({ session, inSavepoint: false }, () => work(session));
  }

  /** Runs `work` with no rehearsal scope: the frame (only) is left; any other async context stays. */
  outside<T>(work: () => T): T {
    return this.frames.exit(work);
  }

  /** The rehearsal of this scope, begun or not. */
  inScope(): RehearsalSession | null {
    return this.frames.getStore()?.session ?? null;
  }

  /** The rehearsal of this scope once it has begun (still running or ended), else null. */
  current(): RehearsalSession | null {
    const session = this.frames.getStore()?.session;
    return session && session.begun ? session : null;
  }

  withConnection<T>(
    work: (connection: SqlConnection) => Promise<T>,
    options?: { readonly waitForLock?: boolean },
  ): Promise<T> {
    const session = this.current();
    return session ? session.withConnection(work) : this.inner.withConnection(work, options);
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const frame = this.frames.getStore();
    if (!frame || !frame.session.begun) return this.inner.transaction(work);
    const { session } = frame;
    if (frame.inSavepoint) return session.savepoint(work);
    // Two transactions of one request at once (Promise.all) would interleave their savepoints.
    return session.exclusive(() =>
      this.frames.run({ session, inSavepoint: true }, () => session.savepoint(work)),
    );
  }
}

type State = 'idle' | 'opening' | 'open' | 'ended';

export class RehearsalSession implements Rehearsal {
  private state: State = 'idle';
  private opening?: Promise<void>;
  private connection?: SqlConnection;
  private release?: () => void;
  private finished?: Promise<void>;
  private savepoints = 0;
  private readonly mutex = new AsyncMutex();
  /** Audit rows written by savepoints that were released (see `capturing`). */
  private readonly captured: AuditEventRecord[] = [];

  constructor(
    private readonly inner: ConnectionSource,
    private readonly dialect: Dialect,
  ) {}

  get begun(): boolean {
    return this.state !== 'idle';
  }

  begin(): Promise<void> {
    this.opening ??= new Promise<void>((opened, failed) => {
      this.state = 'opening';
      this.finished = this.inner
        .transaction(async (sql) => {
          if (!(sql instanceof TransactionSql))
            throw new DomainError('INTERNAL', 'No transaction to rehearse on');
          this.connection = sql.connection;
          this.state = 'open';
          opened();
          await new Promise<void>((resolve) => (this.release = resolve));
          // Never commit: the inner source rolls back on a throw.
          throw new DomainError('INTERNAL', 'Dry run rolled back');
        })
        .then(
          () => undefined,
          (error: unknown) => {
            if (this.state === 'opening') {
              this.state = 'ended';
              failed(error);
            }
          },
        );
    });
    return this.opening;
  }

  async end(): Promise<readonly AuditEventRecord[]> {
    if (this.state === 'idle' || this.state === 'ended') {
      this.state = 'ended';
      return [];
    }
    await this.opening?.catch(() => undefined);
    if (this.state !== 'open') return [];
    this.state = 'ended';
    this.release?.();
    await this.finished;
    return this.captured;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex.run(work);
  }

  async withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T> {
    return work(await this.runner());
  }

  async savepoint<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const connection = await this.runner();
    const name = `rehearsal_${++this.savepoints}`;
    const mark = this.captured.length;
    await connection.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(new RehearsalSql(this, new TransactionSql(this.dialect, connection)));
      await connection.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      this.captured.length = mark;
      try {
        await connection.query(`ROLLBACK TO SAVEPOINT ${name}`);
      } catch {
        // The savepoint is gone: the database rolled the whole transaction back (a deadlock victim on
        // MariaDB) and the connection is in autocommit. Nothing more may run on it.
        this.state = 'ended';
        this.release?.();
      }
      throw mapDbError(error);
    }
  }

  /** The repositories of a savepoint, remembering the audit rows it writes for the request log. */
  capturing(repositories: Repositories): Repositories {
    const audit = repositories.audit;
    return {
      ...repositories,
      audit: {
        insert: async (...events) => {
          await audit.insert(...events);
          this.captured.push(...events);
        },
        findPage: (...args) => audit.findPage(...args),
      },
    };
  }

  /** The held transaction's connection; refuses once the rehearsal ended (never autocommit). */
  async runner(): Promise<SqlConnection> {
    if (this.state === 'opening') await this.opening;
    if (this.state !== 'open' || !this.connection)
      throw new DomainError('UNAVAILABLE', 'This dry-run request has already been rolled back');
    return this.connection;
  }
}

/** A savepoint's statements: the transaction's, each refused once the rehearsal has ended. */
class RehearsalSql implements Sql {
  constructor(
    private readonly session: RehearsalSession,
    private readonly inner: TransactionSql,
  ) {}

  get dialect(): Dialect {
    return this.inner.dialect;
  }

  async rows<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    await this.session.runner();
    return this.inner.rows<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlParam[]): Promise<number> {
    await this.session.runner();
    return this.inner.run(sql, params);
  }

  runUnlessLocked(sql: string, params?: readonly SqlParam[]): Promise<number> {
    return this.run(sql, params);
  }

  async runForInsertId(sql: string, params?: readonly SqlParam[]): Promise<number> {
    await this.session.runner();
    return this.inner.runForInsertId(sql, params);
  }

  async runPrepared(sql: string, params?: readonly SqlParam[]): Promise<number> {
    await this.session.runner();
    return this.inner.runPrepared(sql, params);
  }

  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }
}
