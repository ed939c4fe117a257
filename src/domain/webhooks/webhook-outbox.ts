import type { ChangeEvent } from '../events/change-event';
import type { WebhookDeliveryRecord, WebhookDeliveryStatus, WebhookSecrets } from './webhook';

/** A delivery leased to one worker, with what sending it needs. */
export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryRecord;
  readonly url: string;
  readonly secrets: WebhookSecrets;
  /** null when the event is gone (beyond EVENT_RETENTION_DAYS): the delivery can only be dead. */
  readonly event: ChangeEvent | null;
}

/** How an attempt ended, written only by the lease's owner. */
export interface DeliverySettlement {
  readonly status: WebhookDeliveryStatus;
  readonly attemptedAt: Date;
  readonly nextAttemptAt: Date | null;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface OutboxStats {
  /** When the oldest event not yet delivered (pending, or not yet fanned out) occurred. */
  readonly oldestUndeliveredAt: Date | null;
  readonly dead: number;
}

/**
 * What the delivery worker does to the outbox; every method is safe with several instances
 * running: fan-out advances an endpoint's cursor with a compare-and-set, claims lease rows
 * (`FOR UPDATE SKIP LOCKED` on MariaDB; SQLite has one writer), settlements check the lease owner.
 */
export interface WebhookOutbox {
  /** Creates the deliveries of new events for enabled endpoints; returns how many were created. */
  fanOut(now: Date, eventsPerEndpoint: number): Promise<number>;
  /**
   * Leases up to `limit` due deliveries of enabled endpoints, never two of one resource to one
   * endpoint, and never one while an earlier one of its resource is still pending.
   */
  claim(now: Date, leaseUntil: Date, owner: string, limit: number): Promise<ClaimedDelivery[]>;
  /** false when the lease was lost (expired and taken by another worker): nothing is written. */
  settle(id: string, owner: string, settlement: DeliverySettlement): Promise<boolean>;
  /** A success clears the endpoint's failing streak; a failure starts one. Returns when it started. */
  recordEndpointResult(endpointId: string, success: boolean, at: Date): Promise<Date | null>;
  /** Gives up this owner's leases (clean shutdown): others retry them at once. */
  release(owner: string): Promise<void>;
  stats(): Promise<OutboxStats>;
  /** Deletes up to `limit` settled (delivered or dead) deliveries created before `before`; returns how many. */
  prune(before: Date, limit: number): Promise<number>;
}
