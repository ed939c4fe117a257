import type { Channel } from '../../domain/auth/request-context';
import type { ChangeEvent } from '../../domain/events/change-event';
import type { EventType } from '../../domain/events/event-types';
import { fromDbDate, fromDbJson } from '../dialect';

export interface EventSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly actor: string;
  readonly channel: string;
  readonly target_id: string;
  readonly occurred_at: unknown;
  readonly seq: number | string;
  readonly event_type: string;
  readonly resource_version: number | null;
  readonly data: unknown;
  readonly connection_id: string | null;
}

/** The columns `toChangeEvent` reads, from `audit_events` aliased `e`. */
export const CHANGE_EVENT_COLUMNS =
  'e.id, e.organization_id, e.actor, e.channel, e.target_id, e.occurred_at, e.seq, e.event_type, e.resource_version, e.data, e.connection_id';

export const toChangeEvent = (row: EventSqlRow): ChangeEvent => ({
  id: row.id,
  seq: Number(row.seq),
  type: row.event_type as EventType,
  organizationId: row.organization_id,
  occurredAt: fromDbDate(row.occurred_at),
  resourceId: row.target_id,
  version: row.resource_version === null ? null : Number(row.resource_version),
  actor: row.actor,
  connectionId: row.connection_id ?? null,
  channel: row.channel as Channel,
  data: fromDbJson<Record<string, unknown>>(row.data, {}),
});
