import type { ConnectionHealth, HealthDelta, QuirkSeen } from '../../domain/connections/connection-health';
import { byFrequency } from '../../domain/connections/connection-health';
import type { ConnectionHealthRepository } from '../../domain/connections/connection-health.repository';
import type { SqlParam } from '../dialect';
import { fromDbCount, fromDbDate, fromDbDateOrNull, toDbDate, toDbDateOrNull } from '../dialect';
import type { Sql } from '../sql';

const COUNT_COLUMNS = ['ok_count', 'client_error_count', 'server_error_count'];
const HEALTH_COLUMNS = [
  'organization_id',
  'connection_id',
  ...COUNT_COLUMNS,
  'users_created',
  'groups_created',
  'log_dropped',
  'last_request_at',
  'last_success_at',
  'last_error_at',
  'last_error_status',
  'last_error_detail',
];

interface HealthRow {
  readonly connection_id: string;
  readonly ok_count: unknown;
  readonly client_error_count: unknown;
  readonly server_error_count: unknown;
  readonly users_created: unknown;
  readonly groups_created: unknown;
  readonly log_dropped: unknown;
  readonly last_request_at: unknown;
  readonly last_success_at: unknown;
  readonly last_error_at: unknown;
  readonly last_error_status: unknown;
  readonly last_error_detail: string | null;
  readonly recent_ok: unknown;
  readonly recent_client_error: unknown;
  readonly recent_server_error: unknown;
}

/**
 * Counters as upserts that add (`count = count + new`) and keep the later timestamp, so two
 * instances flushing the same connection both count. MySQL evaluates ON DUPLICATE KEY assignments
 * left to right over updated values, so the last error's status and detail are assigned before
 * `last_error_at` moves.
 */
export class SqlConnectionHealthRepository implements ConnectionHealthRepository {
  private readonly health: string;
  private readonly hourly: string;
  private readonly quirks: string;

  constructor(private readonly db: Sql) {
    this.health = db.dialect.quote('connection_health');
    this.hourly = db.dialect.quote('connection_hourly_counts');
    this.quirks = db.dialect.quote('connection_quirks');
  }

  async apply(deltas: readonly HealthDelta[]): Promise<void> {
    for (const delta of deltas) {
      await this.db.run(this.upsertHealth(), healthParams(delta));
      for (const [hour, counts] of delta.hours) {
        await this.db.run(this.upsertHour(), [
          delta.organizationId,
          delta.connectionId,
          toDbDate(new Date(hour)),
          counts.ok,
          counts.clientError,
          counts.serverError,
        ]);
      }
      for (const [name, seen] of delta.quirks) {
        await this.db.run(this.upsertQuirk(), [
          delta.organizationId,
          delta.connectionId,
          name,
          seen.count,
          toDbDate(seen.lastSeenAt),
        ]);
      }
    }
  }

  async read(organizationId: string, since: Date): Promise<Map<string, ConnectionHealth>> {
    const rows = await this.db.rows<HealthRow>(
      `SELECT h.*, r.recent_ok, r.recent_client_error, r.recent_server_error FROM ${this.health} h
       LEFT JOIN (SELECT connection_id, SUM(ok_count) AS recent_ok, SUM(client_error_count) AS recent_client_error,
         SUM(server_error_count) AS recent_server_error FROM ${this.hourly}
         WHERE organization_id = ? AND hour >= ? GROUP BY connection_id) r ON r.connection_id = h.connection_id
       WHERE h.organization_id = ?`,
      [
        organizationId,
        toDbDate(new Date(Math.floor(since.getTime() / 3_600_000) * 3_600_000)),
        organizationId,
      ],
    );
    const quirks = await this.db.rows<{
      connection_id: string;
      name: string;
      count: unknown;
      last_seen_at: unknown;
    }>(`SELECT connection_id, name, count, last_seen_at FROM ${this.quirks} WHERE organization_id = ?`, [
      organizationId,
    ]);
    const seen = new Map<string, QuirkSeen[]>();
    for (const q of quirks) {
      const list = seen.get(q.connection_id) ?? [];
      list.push({ name: q.name, count: fromDbCount(q.count), lastSeenAt: fromDbDate(q.last_seen_at) });
      seen.set(q.connection_id, list);
    }
    return new Map(
      rows.map((row) => [
        row.connection_id,
        toHealth(row, (seen.get(row.connection_id) ?? []).sort(byFrequency)),
      ]),
    );
  }

  async prune(before: Date): Promise<void> {
    await this.db.run(`DELETE FROM ${this.hourly} WHERE hour < ?`, [toDbDate(before)]);
  }

  async deleteOf(organizationId: string, connectionId: string): Promise<void> {
    for (const table of [this.health, this.hourly, this.quirks]) {
      await this.db.run(`DELETE FROM ${table} WHERE organization_id = ? AND connection_id = ?`, [
        organizationId,
        connectionId,
      ]);
    }
  }

  private fresh(column: string): string {
    return this.db.dialect.name === 'sqlite' ? `excluded.${column}` : `VALUES(${column})`;
  }

  private upsertHealth(): string {
    const add = (c: string) => `${c} = ${c} + ${this.fresh(c)}`;
    const newer = (c: string) => `${this.fresh(c)} IS NOT NULL AND (${c} IS NULL OR ${this.fresh(c)} > ${c})`;
    const keepLater = (c: string) => `${c} = CASE WHEN ${newer(c)} THEN ${this.fresh(c)} ELSE ${c} END`;
    const ifNewerError = (c: string) =>
      `${c} = CASE WHEN ${newer('last_error_at')} THEN ${this.fresh(c)} ELSE ${c} END`;
    const set = [
      ...[...COUNT_COLUMNS, 'users_created', 'groups_created', 'log_dropped'].map(add),
      keepLater('last_request_at'),
      keepLater('last_success_at'),
      ifNewerError('last_error_status'),
      ifNewerError('last_error_detail'),
      keepLater('last_error_at'),
    ].join(', ');
    return this.upsert(this.health, HEALTH_COLUMNS, ['organization_id', 'connection_id'], set);
  }

  private upsertHour(): string {
    const columns = ['organization_id', 'connection_id', 'hour', ...COUNT_COLUMNS];
    const set = COUNT_COLUMNS.map((c) => `${c} = ${c} + ${this.fresh(c)}`).join(', ');
    return this.upsert(this.hourly, columns, ['organization_id', 'connection_id', 'hour'], set);
  }

  private upsertQuirk(): string {
    const later = `${this.fresh('last_seen_at')} > last_seen_at`;
    const set = `count = count + ${this.fresh('count')}, last_seen_at = CASE WHEN ${later} THEN ${this.fresh('last_seen_at')} ELSE last_seen_at END`;
    return this.upsert(
      this.quirks,
      ['organization_id', 'connection_id', 'name', 'count', 'last_seen_at'],
      ['organization_id', 'connection_id', 'name'],
      set,
    );
  }

  private upsert(table: string, columns: string[], key: string[], set: string): string {
    const values = columns.map(() => '?').join(', ');
    const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values})`;
    return this.db.dialect.name === 'sqlite'
      ? `${insert} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set}`
      : `${insert} ON DUPLICATE KEY UPDATE ${set}`;
  }
}

function healthParams(d: HealthDelta): SqlParam[] {
  return [
    d.organizationId,
    d.connectionId,
    d.counts.ok,
    d.counts.clientError,
    d.counts.serverError,
    d.usersCreated,
    d.groupsCreated,
    d.logDropped,
    toDbDateOrNull(d.lastRequestAt),
    toDbDateOrNull(d.lastSuccessAt),
    toDbDateOrNull(d.lastErrorAt),
    d.lastError?.status ?? null,
    d.lastError?.detail ?? null,
  ];
}

function toHealth(row: HealthRow, quirksSeen: QuirkSeen[]): ConnectionHealth {
  const status = row.last_error_status;
  return {
    lastRequestAt: fromDbDateOrNull(row.last_request_at),
    lastSuccessAt: fromDbDateOrNull(row.last_success_at),
    lastErrorAt: fromDbDateOrNull(row.last_error_at),
    lastError:
      status === null || status === undefined
        ? null
        : { status: Number(status), detail: row.last_error_detail ?? '' },
    total: {
      ok: fromDbCount(row.ok_count),
      clientError: fromDbCount(row.client_error_count),
      serverError: fromDbCount(row.server_error_count),
    },
    last24h: {
      ok: fromDbCount(row.recent_ok),
      clientError: fromDbCount(row.recent_client_error),
      serverError: fromDbCount(row.recent_server_error),
    },
    usersCreated: fromDbCount(row.users_created),
    groupsCreated: fromDbCount(row.groups_created),
    logDropped: fromDbCount(row.log_dropped),
    quirksSeen,
  };
}
