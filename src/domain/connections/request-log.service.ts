import { notFound } from '../../errors';
import type { RequestContext } from '../auth/request-context';
import { authorize, authorizeConnection } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { checkPage } from '../shared/check-page';
import type { Page, PageRequest } from '../shared/page';
import { isUuid } from '../shared/uuid-v7';
import type { Store } from '../store';
import type { ConnectionRequestEntry, ConnectionRequestFilter, ConnectionRequestRecord } from './request-log';

export interface RequestLogSettings {
  /** REQUEST_LOG_DAYS: entries older than this are deleted. */
  readonly retentionDays: number;
  /** Entries waiting for the database beyond this are dropped (and counted as dropped). */
  readonly maxQueued: number;
  /** Rows per INSERT. */
  readonly batchSize: number;
  /**
   * Body text (characters, or bytes of a body kept as sent) per `insertMany` (at least one row
   * each): a batch of 200 list answers is 3 MB of statement, built and written in one synchronous
   * stretch that every request waiting meanwhile feels.
   */
  readonly maxBatchChars: number;
}

const HOUR_MS = 3_600_000;

/**
 * The request log of connections, written off the request path: requests only queue an entry; a
 * timer writes the queue in batches. When the database is slower than the traffic (a write still
 * running, or failing), entries are dropped and counted on the connection rather than slowing or
 * failing provisioning.
 */
export class RequestLogService {
  private queue: ConnectionRequestEntry[] = [];
  private writing = false;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: RequestLogSettings,
    private readonly dropped: (organizationId: string, connectionId: string) => void,
  ) {}

  enqueue(record: ConnectionRequestEntry): void {
    if (this.queue.length >= this.settings.maxQueued)
      this.dropped(record.organizationId, record.connectionId);
    else this.queue.push(record);
  }

  /** Writes what is queued; returns at once when a write is still running (the database is busy). */
  async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.batchLength());
        try {
          await this.store.repositories.requestLog.insertMany(batch);
        } catch (error) {
          for (const record of batch) this.dropped(record.organizationId, record.connectionId);
          throw error;
        }
      }
      const now = this.clock().getTime();
      if (now - this.lastPrune >= HOUR_MS) {
        await this.store.repositories.requestLog.prune(
          new Date(now - this.settings.retentionDays * 24 * HOUR_MS),
        );
        this.lastPrune = now;
      }
    } finally {
      this.writing = false;
    }
  }

  /** How many queued entries the next `insertMany` takes: up to batchSize rows and maxBatchChars of bodies. */
  private batchLength(): number {
    const { batchSize, maxBatchChars } = this.settings;
    let chars = 0;
    for (let i = 0; i < Math.min(batchSize, this.queue.length); i++) {
      const { requestBody, responseBody } = this.queue[i]!;
      chars += (requestBody?.length ?? 0) + (responseBody?.length ?? 0);
      if (chars > maxBatchChars) return Math.max(1, i);
    }
    return batchSize;
  }

  async list(
    ctx: RequestContext,
    connectionId: string,
    filter: ConnectionRequestFilter,
    page: PageRequest,
  ): Promise<Page<ConnectionRequestRecord>> {
    const organizationId = authorizeConnection(ctx, connectionId, 'admin');
    const repositories = this.store.repositories;
    if (!isUuid(connectionId) || !(await repositories.connections.findById(organizationId, connectionId)))
      throw notFound('Connection', connectionId);
    return repositories.requestLog.findPage(
      organizationId,
      connectionId,
      filter,
      checkPage({ ...page, orderBy: null }),
    );
  }

  /** The logged request an audit event came from, if it was a connection's SCIM request. */
  async ofAuditEvent(
    ctx: RequestContext,
    event: { requestId: string; occurredAt: Date },
  ): Promise<ConnectionRequestRecord | null> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.repositories.requestLog.findByRequestId(
      organizationId,
      event.requestId,
      event.occurredAt,
    );
  }
}
