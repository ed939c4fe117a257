import type { AuditEventRecord, AuditTargetType, ChangeSummary } from '../../domain/audit/audit-event';
import type { Channel } from '../../domain/auth/request-context';
import type { SqlParam } from '../dialect';
import { fromDbDate, fromDbJson, toDbDate } from '../dialect';

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
];

export const AUDIT_EVENT_COLUMNS = AUDIT_EVENT_COLUMN_NAMES.map((column) => `a.${column}`).join(', ');

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
  action: row.action,
  targetType: row.target_type as AuditTargetType,
  targetId: row.target_id,
  changes: fromDbJson<ChangeSummary>(row.changes, {}),
  notes: fromDbJson<string[]>(row.notes, []),
  requestId: row.request_id,
  occurredAt: fromDbDate(row.occurred_at),
});

/** Identifiers from outside (a JWT subject, a client's request id) are cut to what the columns hold. */
const cut = (value: string, max: number): string => Array.from(value).slice(0, max).join('');

/** Values in AUDIT_EVENT_COLUMN_NAMES order. */
export const auditEventParams = (event: AuditEventRecord): SqlParam[] => [
  event.id,
  event.organizationId,
  cut(event.actor, 320),
  event.channel,
  cut(event.action, 64),
  event.targetType,
  cut(event.targetId, 64),
  JSON.stringify(event.changes),
  JSON.stringify(event.notes),
  cut(event.requestId, 200),
  toDbDate(event.occurredAt),
];
