import type { ChangeEvent, EventFeedRepository, EventQuery } from '../../domain/events/change-event';
import type { EventType } from '../../domain/events/event-types';
import { fromDbDate, placeholders, toDbDate } from '../dialect';
import type { EventSqlRow } from '../mappers/change-event.mapper';
import { CHANGE_EVENT_COLUMNS as COLUMNS, toChangeEvent } from '../mappers/change-event.mapper';
import type { SqlParam } from '../dialect';
import type { Sql } from '../sql';

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
    // Purged events keep their audit row but not their payload; the feed never serves one.
    where.push('e.data IS NOT NULL');
    const rows = await this.db.rows<EventSqlRow>(
      `SELECT ${COLUMNS} FROM ${this.db.dialect.quote('audit_events')} e
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

  async purgeBefore(horizon: Date, batchSize: number): Promise<number> {
    const marks = await this.db.rows<{ organization_id: string; purged_seq: number | string }>(
      `SELECT organization_id, purged_seq FROM ${this.db.dialect.quote('event_sequences')}`,
    );
    let purged = 0;
    for (const mark of marks) purged += await this.purgeOrganization(mark, horizon, batchSize);
    return purged;
  }

  /**
   * Walks the organization's events in sequence order from its purge mark and stops at the first
   * one still inside retention, so every batch reads through the (organization_id, seq) index and
   * never rereads what an earlier purge cleared. The mark moves only after the batch's payloads are
   * gone: everything at or below it is purged, which the feed's CURSOR_EXPIRED check relies on.
   * No statement holds a lock beyond itself; several instances purging at once do the same work twice.
   */
  private async purgeOrganization(
    mark: { organization_id: string; purged_seq: number | string },
    horizon: Date,
    batchSize: number,
  ): Promise<number> {
    const events = this.db.dialect.quote('audit_events');
    const sequences = this.db.dialect.quote('event_sequences');
    const organizationId = mark.organization_id;
    let through = Number(mark.purged_seq);
    let purged = 0;
    for (;;) {
      const rows = await this.db.rows<{ id: string; seq: number | string; occurred_at: unknown }>(
        `SELECT e.id, e.seq, e.occurred_at FROM ${events} e
         WHERE e.organization_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ${Math.max(1, Math.floor(batchSize))}`,
        [organizationId, through],
      );
      const expired = [];
      for (const row of rows) {
        if (fromDbDate(row.occurred_at).getTime() >= horizon.getTime()) break;
        expired.push(row);
      }
      if (expired.length === 0) return purged;
      await this.db.run(
        `UPDATE ${events} SET data = NULL WHERE organization_id = ? AND id IN (${placeholders(expired.length)})`,
        [organizationId, ...expired.map((row) => row.id)],
      );
      through = Number(expired[expired.length - 1].seq);
      await this.db.run(
        `UPDATE ${sequences} SET purged_seq = ? WHERE organization_id = ? AND purged_seq < ?`,
        [through, organizationId, through],
      );
      purged += expired.length;
      if (expired.length < rows.length || rows.length < batchSize) return purged;
    }
  }

  /**
   * A consumer has missed events when some event after its cursor was purged (the purge mark is
   * above the cursor) or is already past retention though not purged yet.
   */
  private async expiredAfter(organizationId: string, query: EventQuery): Promise<boolean> {
    const marks = await this.db.rows<{ purged_seq: number | string }>(
      `SELECT purged_seq FROM ${this.db.dialect.quote('event_sequences')} WHERE organization_id = ?`,
      [organizationId],
    );
    if (marks.length > 0 && Number(marks[0].purged_seq) > Number(query.afterSeq)) return true;
    const rows = await this.db.rows<{ occurred_at: unknown }>(
      `SELECT e.occurred_at FROM ${this.db.dialect.quote('audit_events')} e
       WHERE e.organization_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 1`,
      [organizationId, query.afterSeq],
    );
    return rows.length > 0 && fromDbDate(rows[0].occurred_at).getTime() < query.horizon.getTime();
  }
}
