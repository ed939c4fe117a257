import type { ConnectionHealth, HealthDelta } from './connection-health';

export interface ConnectionHealthRepository {
  /** Adds the deltas to the stored counters (one upsert per connection and hour), all or nothing. */
  apply(deltas: readonly HealthDelta[]): Promise<void>;
  /** Stored health of the organization's connections; `since` bounds the hourly buckets summed. */
  read(organizationId: string, since: Date): Promise<Map<string, ConnectionHealth>>;
  /** Drops hourly buckets older than `before`. */
  prune(before: Date): Promise<void>;
  /** Forgets a deleted connection's counters. */
  deleteOf(organizationId: string, connectionId: string): Promise<void>;
}
