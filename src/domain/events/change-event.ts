import type { AuditTargetType } from '../audit/audit-event';
import type { Channel } from '../auth/request-context';
import type { EventType } from './event-types';

/** What a write says happened to a resource; stored on its audit row in the same transaction. */
export interface EmittedEvent {
  readonly type: EventType;
  /** The resource's version after the change; null for resources without one (API tokens). */
  readonly version: number | null;
  /** What a consumer can act on without another call: the resource as GraphQL returns it, no secrets. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The resource the event is about, when it is not the audit row's target. */
  readonly resourceId?: string;
  readonly resourceType?: AuditTargetType;
}

/** An event as the feed and webhooks present it. */
export interface ChangeEvent {
  /** Stable across reads and redeliveries: the consumer's idempotency key. */
  readonly id: string;
  /** Position in the organization's feed, in commit order. */
  readonly seq: number;
  readonly type: EventType;
  readonly organizationId: string;
  readonly occurredAt: Date;
  readonly resourceId: string;
  readonly version: number | null;
  readonly actor: string;
  /** The connection (IdP app) whose token made the change; null for other actors. */
  readonly connectionId: string | null;
  readonly channel: Channel;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface EventQuery {
  /** Only events after this sequence number (exclusive); null: from the oldest retained one. */
  readonly afterSeq: number | null;
  readonly types: readonly EventType[] | null;
  readonly resourceId: string | null;
  /** Events that occurred before this are beyond retention. */
  readonly horizon: Date;
  readonly limit: number;
}

export interface EventFeedRepository {
  /** Ascending by seq, at most `limit` events; `expired` when the first event after the cursor is beyond retention. */
  findEvents(organizationId: string, query: EventQuery): Promise<{ events: ChangeEvent[]; expired: boolean }>;
  /**
   * Purges every organization's events that occurred before `horizon`, oldest first, in batches of
   * `batchSize` rows, each batch its own short statement: the payload goes, the audit row stays, and
   * the organization's purge mark moves past them. Returns how many events it purged.
   */
  purgeBefore(horizon: Date, batchSize: number): Promise<number>;
  /** Whether an event of this type was ever recorded about the resource (e.g. `user.deleted`). */
  hasEvent(organizationId: string, resourceId: string, type: EventType): Promise<boolean>;
}
