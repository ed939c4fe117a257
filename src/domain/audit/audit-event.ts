import type { Channel } from '../auth/request-context';
import type { EmittedEvent } from '../events/change-event';

export type AuditTargetType = 'User' | 'Group' | 'ApiToken' | 'Organization' | 'ExtensionAttribute';

/** A change summary never holds secrets: field names, counts and non-sensitive identifiers only. */
export type ChangeSummary = Readonly<Record<string, unknown>>;

export interface AuditEventRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly actor: string;
  readonly channel: Channel;
  readonly action: string;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly changes: ChangeSummary;
  readonly notes: readonly string[];
  readonly requestId: string;
  readonly occurredAt: Date;
  /** Set when this row is also a change event: it then gets the next sequence number when inserted. */
  readonly event?: EmittedEvent | null;
  /** 2, 3, … for the further events of one change (hidden from the audit view). */
  readonly eventPart?: number | null;
}

export interface AuditEventFilter {
  readonly action?: string | null;
  readonly targetType?: AuditTargetType | null;
  readonly targetId?: string | null;
  readonly actor?: string | null;
  readonly channel?: Channel | null;
  readonly since?: Date | null;
  readonly until?: Date | null;
}
