import type {
  AuditAction,
  AuditEventRecord,
  AuditTargetType,
  ChangeSummary,
} from '../../domain/audit/audit-event';
import type { Channel } from '../../domain/auth/request-context';
import type { SqlParam } from '../dialect';
import { fromDbDate, fromDbJson, toDbDate, truncate } from '../dialect';

export const AUDIT_EVENT_COLUMN_NAMES = [
  'id',
  'organization_id',
  'actor',
  'channel',
  'action',
  'target_type',
  'target_id',
  'changes',
  'notes',
  'request_id',
  'occurred_at',
  'seq',
  'event_type',
  'resource_version',
  'data',
  'event_part',
  'connection_id',
];

/** The audit view reads neither the sequence nor the payload. */
export const AUDIT_EVENT_COLUMNS = AUDIT_EVENT_COLUMN_NAMES.slice(0, 11)
  .map((column) => `a.${column}`)
  .join(', ');

export interface AuditEventSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly actor: string;
  readonly channel: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string;
  readonly changes: unknown;
  readonly notes: unknown;
  readonly request_id: string;
  readonly occurred_at: unknown;
}

export const toAuditEventRecord = (row: AuditEventSqlRow): AuditEventRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  actor: row.actor,
  channel: row.channel as Channel,
  // Written only from AuditEventRecord, like channel and target_type.
  action: row.action as AuditAction,
  targetType: row.target_type as AuditTargetType,
  targetId: row.target_id,
  changes: fromDbJson<ChangeSummary>(row.changes, {}),
  notes: fromDbJson<string[]>(row.notes, []),
  requestId: row.request_id,
  occurredAt: fromDbDate(row.occurred_at),
});

/** Values in AUDIT_EVENT_COLUMN_NAMES order; `seq` is the row's sequence number when it carries an event. */
export const auditEventParams = (event: AuditEventRecord, seq: number | null): SqlParam[] => [
  event.id,
  event.organizationId,
  truncate(event.actor, 320),
  event.channel,
  truncate(event.action, 64),
  event.targetType,
  truncate(event.targetId, 64),
  JSON.stringify(event.changes),
  JSON.stringify(event.notes),
  truncate(event.requestId, 200),
  toDbDate(event.occurredAt),
  seq,
  event.event?.type ?? null,
  event.event?.version ?? null,
  event.event ? JSON.stringify(event.event.data) : null,
  event.eventPart ?? null,
  event.connectionId ?? null,
];
