import type { AuditEventFilter, AuditEventRecord } from '../../domain/audit/audit-event';
import type { AuditRepository } from '../../domain/audit/audit.repository';
import type { Page, PageRequest } from '../../domain/shared/page';
import { placeholders, toDbDate } from '../dialect';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { AuditEventSqlRow } from '../mappers/audit-event.mapper';
import {
  AUDIT_EVENT_COLUMN_NAMES,
  AUDIT_EVENT_COLUMNS,
  auditEventParams,
  toAuditEventRecord,
} from '../mappers/audit-event.mapper';
import { fetchPage } from '../paging/fetch-page';
import type { SortKey } from '../paging/sort-key';
import type { Sql } from '../sql';
import { nextSequence } from '../event-sequence';

/** Newest first: (occurred_at, id) descending, served by (organization_id, occurred_at, id). */
const NEWEST_FIRST: SortKey = {
  ordering: 'occurredAt:DESC',
  expr: raw('a.occurred_at'),
  nullable: false,
  id: raw('a.id'),
  direction: 'DESC',
};

export class SqlAuditRepository implements AuditRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('audit_events');
  }

  async insert(...events: readonly AuditEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    const emitting = events.filter((event) => event.event).length;
    let seq = emitting === 0 ? 0 : await nextSequence(this.db, events[0].organizationId, emitting);
    const rows = events.map((event) => auditEventParams(event, event.event ? seq++ : null));
    const row = `(${placeholders(AUDIT_EVENT_COLUMN_NAMES.length)})`;
    await this.db.run(
      `INSERT INTO ${this.table} (${AUDIT_EVENT_COLUMN_NAMES.join(', ')}) VALUES ${rows.map(() => row).join(', ')}`,
      rows.flat(),
    );
  }

  async findPage(
    organizationId: string,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRecord>> {
    return fetchPage<AuditEventSqlRow, AuditEventRecord>(
      this.db,
      {
        columns: raw(AUDIT_EVENT_COLUMNS),
        from: raw(`FROM ${this.table} a`),
        where: [
          sql`a.organization_id = ${organizationId}`,
          raw('a.event_part IS NULL'),
          ...conditions(filter),
        ],
        key: NEWEST_FIRST,
      },
      page,
      toAuditEventRecord,
      (row) => row.id,
    );
  }
}

/** `since` is inclusive, `until` exclusive. */
function conditions(filter: AuditEventFilter): Fragment[] {
  const where: Fragment[] = [];
  if (filter.action) where.push(sql`a.action = ${filter.action}`);
  if (filter.targetType) where.push(sql`a.target_type = ${filter.targetType}`);
  if (filter.targetId) where.push(sql`a.target_id = ${filter.targetId}`);
  if (filter.actor) where.push(sql`a.actor = ${filter.actor}`);
  if (filter.channel) where.push(sql`a.channel = ${filter.channel}`);
  if (filter.since) where.push(sql`a.occurred_at >= ${toDbDate(filter.since)}`);
  if (filter.until) where.push(sql`a.occurred_at < ${toDbDate(filter.until)}`);
  return where;
}
