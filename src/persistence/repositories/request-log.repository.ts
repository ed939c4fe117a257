import type {
  ConnectionRequestEntry,
  ConnectionRequestFilter,
  ConnectionRequestRecord,
} from '../../domain/connections/request-log';
import type { KeptChanges } from '../../domain/connections/rehearsed-change';
import type { RequestLogRepository } from '../../domain/connections/request-log.repository';
import type { Page, PageRequest } from '../../domain/shared/page';
import type { Dialect, SqlParam } from '../dialect';
import {
  fromDbBoolean,
  fromDbDate,
  fromDbJson,
  placeholders,
  toDbBoolean,
  toDbDate,
  truncate,
} from '../dialect';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import { LIKE_ESCAPE, likePattern } from '../filter/like';
import { fetchPage } from '../paging/fetch-page';
import type { SortKey } from '../paging/sort-key';
import type { Sql } from '../sql';

const COLUMNS = [
  'id',
  'organization_id',
  'connection_id',
  'request_id',
  'at',
  'method',
  'path',
  'status',
  'duration_ms',
  'dry_run',
  'quirks',
  'resource_ids',
  'audit_event_ids',
  'request_body',
  'response_body',
  'changes',
];

interface Row {
  readonly id: string;
  readonly organization_id: string;
  readonly connection_id: string;
  readonly request_id: string;
  readonly at: unknown;
  readonly method: string;
  readonly path: string;
  readonly status: unknown;
  readonly duration_ms: unknown;
  readonly dry_run: unknown;
  readonly quirks: unknown;
  readonly resource_ids: unknown;
  readonly audit_event_ids: unknown;
  readonly request_body: string | null;
  readonly response_body: string | null;
  readonly changes: unknown;
}

/** Newest first, served by (organization_id, connection_id, at, id). */
const NEWEST_FIRST: SortKey = {
  ordering: 'at:DESC',
  expr: raw('r.at'),
  nullable: false,
  id: raw('r.id'),
  direction: 'DESC',
};

const toRecord = (row: Row): ConnectionRequestRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  connectionId: row.connection_id,
  requestId: row.request_id,
  at: fromDbDate(row.at),
  method: row.method,
  path: row.path,
  status: Number(row.status),
  durationMs: Number(row.duration_ms),
  dryRun: fromDbBoolean(row.dry_run),
  quirks: fromDbJson<string[]>(row.quirks, []),
  resourceIds: fromDbJson<string[]>(row.resource_ids, []),
  auditEventIds: fromDbJson<string[]>(row.audit_event_ids, []),
  requestBody: row.request_body,
  responseBody: row.response_body,
  changes: fromDbJson<KeptChanges | null>(row.changes, null),
});

const params = (r: ConnectionRequestEntry, dialect: Dialect): SqlParam[] => [
  r.id,
  r.organizationId,
  r.connectionId,
  truncate(r.requestId, 200),
  toDbDate(r.at),
  r.method.slice(0, 16),
  r.path,
  r.status,
  Math.round(r.durationMs),
  toDbBoolean(r.dryRun),
  JSON.stringify(r.quirks),
  JSON.stringify(r.resourceIds),
  JSON.stringify(r.auditEventIds),
  r.requestBody === null ? null : dialect.longText(r.requestBody),
  r.responseBody === null
    ? null
    : dialect.longText(typeof r.responseBody === 'string' ? r.responseBody : r.responseBody.toBuffer()),
  r.changes ? JSON.stringify(r.changes) : null,
];

/**
 * Rows in one prepared INSERT. mysql2 keeps, per pooled connection, every statement it prepared with
 * a definition object per placeholder: statements of 1 to 128 rows held 0.9 MB on each connection
 * (measured), which the soak saw as heap growing ~10 MB as backlogged batches reached the pool's
 * connections. Up to 16 rows, 1 + 2 + 4 + 8 + 16 rows of placeholders are about 0.1 MB a connection;
 * a 200-row batch is 13 statements in one transaction, off the request path.
 */
const MAX_ROWS_PER_STATEMENT = 16;

export class SqlRequestLogRepository implements RequestLogRepository {
  private readonly table: string;
  private readonly inserts = new Map<number, string>();

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('connection_requests');
  }

  /**
   * Prepared INSERTs (see `Sql.runPrepared`: the bodies go to MySQL as they are, not formatted into
   * the statement), each of a power of two rows up to MAX_ROWS_PER_STATEMENT — 13 rows are 8, 4
   * and 1 — so a pooled connection prepares at most five statements, whatever the batches. Several
   * run in one transaction: a batch is written whole or not at all, as one INSERT was (the caller
   * counts a failed batch as dropped).
   */
  async insertMany(records: readonly ConnectionRequestEntry[]): Promise<void> {
    if (records.length === 0) return;
    const insert = async (db: Sql) => {
      for (let start = 0; start < records.length;) {
        const rows = Math.min(MAX_ROWS_PER_STATEMENT, 2 ** Math.floor(Math.log2(records.length - start)));
        const batch = records.slice(start, start + rows);
        await db.runPrepared(
          this.insertOf(rows),
          batch.flatMap((record) => params(record, db.dialect)),
        );
        start += rows;
      }
    };
    const oneStatement =
      records.length <= MAX_ROWS_PER_STATEMENT && (records.length & (records.length - 1)) === 0;
    await (oneStatement ? insert(this.db) : this.db.atomic(insert));
  }

  /** The INSERT of `rows` rows, built once per count. */
  private insertOf(rows: number): string {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const row = `(${placeholders(COLUMNS.length)})`;
      statement = `INSERT INTO ${this.table} (${COLUMNS.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  async findPage(
    organizationId: string,
    connectionId: string,
    filter: ConnectionRequestFilter,
    page: PageRequest,
  ): Promise<Page<ConnectionRequestRecord>> {
    return fetchPage<Row, ConnectionRequestRecord>(
      this.db,
      {
        columns: raw(COLUMNS.map((c) => `r.${c}`).join(', ')),
        from: raw(`FROM ${this.table} r`),
        where: [
          sql`r.organization_id = ${organizationId}`,
          sql`r.connection_id = ${connectionId}`,
          ...conditions(filter),
        ],
        key: NEWEST_FIRST,
      },
      page,
      toRecord,
      (row) => row.id,
    );
  }

  async findByRequestId(
    organizationId: string,
    requestId: string,
    at: Date,
  ): Promise<ConnectionRequestRecord | null> {
    const rows = await this.db.rows<Row>(
      `SELECT ${COLUMNS.join(', ')} FROM ${this.table} WHERE organization_id = ? AND request_id = ? AND at <= ? ORDER BY at DESC LIMIT 1`,
      [organizationId, requestId, toDbDate(at)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async prune(before: Date): Promise<void> {
    await this.db.run(`DELETE FROM ${this.table} WHERE at < ?`, [toDbDate(before)]);
  }
}

/** `since` inclusive, `until` exclusive; a resource id matches its JSON string in the list. */
function conditions(filter: ConnectionRequestFilter): Fragment[] {
  const where: Fragment[] = [];
  if (filter.status) where.push(sql`r.status = ${filter.status}`);
  if (filter.method) where.push(sql`r.method = ${filter.method.toUpperCase()}`);
  if (filter.resourceId) {
    const pattern = likePattern('co', JSON.stringify(filter.resourceId));
    where.push(sql`r.resource_ids LIKE ${pattern} ESCAPE ${raw(`'${LIKE_ESCAPE}'`)}`);
  }
  if (filter.since) where.push(sql`r.at >= ${toDbDate(filter.since)}`);
  if (filter.until) where.push(sql`r.at < ${toDbDate(filter.until)}`);
  return where;
}
