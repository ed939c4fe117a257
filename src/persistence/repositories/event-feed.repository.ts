import type { Channel } from '../../domain/auth/request-context';
import type { ChangeEvent, EventFeedRepository, EventQuery } from '../../domain/events/change-event';
import type { EventType } from '../../domain/events/event-types';
import { fromDbDate, fromDbJson, placeholders, toDbDate } from '../dialect';
import type { SqlParam } from '../dialect';
import type { Sql } from '../sql';

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
}

/** The feed's columns of `audit_events` aliased `e`. */
export const EVENT_COLUMNS =
  'e.id, e.organization_id, e.actor, e.channel, e.target_id, e.occurred_at, e.seq, e.event_type, e.resource_version, e.data';

/** The change-event feed: audit rows that carry a sequence number, served by (organization_id, seq). */
export class SqlEventFeedRepository implements EventFeedRepository {
  constructor(private readonly db: Sql) {}

  async findEvents(
    organizationId: string,
    query: EventQuery,
  ): Promise<{ events: ChangeEvent[]; expired: boolean }> {
    const where = ['e.organization_id = ?', 'e.seq IS NOT NULL'];
    const params: SqlParam[] = [organizationId];
    if (query.afterSeq !== null) {
      where.push('e.seq > ?');
      params.push(query.afterSeq);
    } else {
      where.push('e.occurred_at >= ?');
      params.push(toDbDate(query.horizon));
    }
    if (query.types) {
      where.push(`e.event_type IN (${placeholders(query.types.length)})`);
      params.push(...query.types);
    }
    if (query.resourceId) {
      where.push('e.target_id = ?');
      params.push(query.resourceId);
    }
    const rows = await this.db.rows<EventSqlRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.db.dialect.quote('audit_events')} e
       WHERE ${where.join(' AND ')} ORDER BY e.seq LIMIT ${Math.max(0, Math.floor(query.limit))}`,
      params,
    );
    const events = rows.map(toChangeEvent);
    // A consumer whose next event is already beyond retention has missed what retention dropped.
    const expired = query.afterSeq !== null && (await this.expiredAfter(organizationId, query));
    return { events, expired };
  }

  async hasEvent(organizationId: string, resourceId: string, type: EventType): Promise<boolean> {
    const rows = await this.db.rows<{ found: number }>(
      `SELECT 1 AS found FROM ${this.db.dialect.quote('audit_events')} e
       WHERE e.organization_id = ? AND e.target_id = ? AND e.event_type = ? LIMIT 1`,
      [organizationId, resourceId, type],
    );
    return rows.length > 0;
  }

  private async expiredAfter(organizationId: string, query: EventQuery): Promise<boolean> {
    const rows = await this.db.rows<{ occurred_at: unknown }>(
      `SELECT e.occurred_at FROM ${this.db.dialect.quote('audit_events')} e
       WHERE e.organization_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 1`,
      [organizationId, query.afterSeq],
    );
    return rows.length > 0 && fromDbDate(rows[0].occurred_at).getTime() < query.horizon.getTime();
  }
}

export const toChangeEvent = (row: EventSqlRow): ChangeEvent => ({
  id: row.id,
  seq: Number(row.seq),
  type: row.event_type as EventType,
  organizationId: row.organization_id,
  occurredAt: fromDbDate(row.occurred_at),
  resourceId: row.target_id,
  version: row.resource_version === null ? null : Number(row.resource_version),
  actor: row.actor,
  channel: row.channel as Channel,
  data: fromDbJson<Record<string, unknown>>(row.data, {}),
});
