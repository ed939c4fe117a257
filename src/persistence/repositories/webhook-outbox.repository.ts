import type { ChangeEvent } from '../../domain/events/change-event';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import type {
  ClaimedDelivery,
  DeliverySettlement,
  OutboxStats,
  WebhookOutbox,
} from '../../domain/webhooks/webhook-outbox';
import type { SqlParam } from '../dialect';
import type { EventSqlRow } from '../mappers/change-event.mapper';
import { CHANGE_EVENT_COLUMNS, toChangeEvent } from '../mappers/change-event.mapper';
import { chunk, fromDbDateOrNull, placeholders, toDbDate } from '../dialect';
import type { DeliverySqlRow, SecretsSqlRow } from '../mappers/webhook.mapper';
import { deliveryColumns, toDeliveryRecord, toSecrets } from '../mappers/webhook.mapper';
import type { Sql } from '../sql';

/** A new delivery row: (endpoint, event) to send. */
export interface NewDelivery {
  readonly organizationId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventSeq: number;
  readonly eventType: string;
  readonly resourceId: string;
}

const DELIVERY_INSERT_COLUMNS =
  'id, organization_id, endpoint_id, event_id, event_seq, event_type, resource_id, status, attempts, next_attempt_at, created_at';
const ROWS_PER_INSERT = 500;

/** Inserts PENDING deliveries, due at `at`, in multi-row statements. */
export async function insertDeliveries(db: Sql, deliveries: readonly NewDelivery[], at: Date): Promise<void> {
  const table = db.dialect.quote('webhook_deliveries');
  for (const part of chunk(deliveries, ROWS_PER_INSERT)) {
    const params: SqlParam[] = part.flatMap((d) => [
      uuidV7(at.getTime()),
      d.organizationId,
      d.endpointId,
      d.eventId,
      d.eventSeq,
      d.eventType,
      d.resourceId,
      'PENDING',
      0,
      toDbDate(at),
      toDbDate(at),
    ]);
    await db.run(
      `INSERT INTO ${table} (${DELIVERY_INSERT_COLUMNS}) VALUES ${part.map(() => `(${placeholders(11)})`).join(', ')}`,
      params,
    );
  }
}

interface EndpointCursorRow {
  readonly id: string;
  readonly organization_id: string;
  readonly event_types: unknown;
  readonly cursor_seq: number | string;
}

interface ClaimSqlRow extends DeliverySqlRow, SecretsSqlRow {
  readonly url: string;
}

/** Endpoints fanned out per pass; the rest wait for the next (a pass runs every poll interval). */
const ENDPOINTS_PER_PASS = 100;

export class SqlWebhookOutbox implements WebhookOutbox {
  private readonly deliveries: string;
  private readonly endpoints: string;

  constructor(private readonly db: Sql) {
    this.deliveries = db.dialect.quote('webhook_deliveries');
    this.endpoints = db.dialect.quote('webhook_endpoints');
  }

  async fanOut(now: Date, eventsPerEndpoint: number): Promise<number> {
    const behind = await this.db.rows<EndpointCursorRow>(
      `SELECT w.id, w.organization_id, w.event_types, w.cursor_seq FROM ${this.endpoints} w
       JOIN ${this.db.dialect.quote('event_sequences')} s ON s.organization_id = w.organization_id
       WHERE w.status = 'ENABLED' AND s.last_seq > w.cursor_seq LIMIT ${ENDPOINTS_PER_PASS}`,
    );
    let created = 0;
    for (const endpoint of behind) created += await this.fanOutOne(endpoint, now, eventsPerEndpoint);
    return created;
  }

  /**
   * The cursor moves by compare-and-set before the rows are inserted, in one transaction: of two
   * instances fanning out the same endpoint, the second's update matches no row and it inserts nothing.
   */
  private async fanOutOne(endpoint: EndpointCursorRow, now: Date, limit: number): Promise<number> {
    const from = Number(endpoint.cursor_seq);
    const events = await this.db.rows<{
      id: string;
      seq: number | string;
      event_type: string;
      target_id: string;
    }>(
      `SELECT e.id, e.seq, e.event_type, e.target_id FROM ${this.db.dialect.quote('audit_events')} e
       WHERE e.organization_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ${Math.floor(limit)}`,
      [endpoint.organization_id, from],
    );
    if (events.length === 0) return 0;
    const to = Number(events[events.length - 1].seq);
    const wanted: NewDelivery[] = events
      .filter((e) => subscribed(endpoint.event_types, e.event_type))
      .map((e) => ({
        organizationId: endpoint.organization_id,
        endpointId: endpoint.id,
        eventId: e.id,
        eventSeq: Number(e.seq),
        eventType: e.event_type,
        resourceId: e.target_id,
      }));
    return this.db.atomic(async (tx) => {
      const moved = await tx.run(
        `UPDATE ${this.endpoints} SET cursor_seq = ? WHERE id = ? AND cursor_seq = ? AND status = 'ENABLED'`,
        [to, endpoint.id, from],
      );
      if (moved !== 1) return 0;
      await insertDeliveries(tx, wanted, now);
      return wanted.length;
    });
  }

  async claim(now: Date, leaseUntil: Date, owner: string, limit: number): Promise<ClaimedDelivery[]> {
    const params = [toDbDate(now), toDbDate(now)];
    // Most polls find nothing due: a plain read first, so they open no transaction (on SQLite, no write lock).
    if ((await this.db.rows(`${this.dueSql()} LIMIT 1`, params)).length === 0) return [];
    const skipLocked = this.db.dialect.name === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    return this.db.atomic(async (tx) => {
      const due = await tx.rows<{ id: string }>(
        `${this.dueSql()} ORDER BY d.next_attempt_at, d.event_seq LIMIT ${Math.floor(limit)}${skipLocked}`,
        params,
      );
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await tx.run(
        `UPDATE ${this.deliveries} SET lease_until = ?, lease_owner = ? WHERE id IN (${placeholders(ids.length)})`,
        [toDbDate(leaseUntil), owner, ...ids],
      );
      const rows = await tx.rows<ClaimSqlRow>(
        `SELECT ${deliveryColumns('d')}, w.url, w.secret_ciphertext, w.previous_secret_ciphertext,
           w.previous_secret_until
         FROM ${this.deliveries} d JOIN ${this.endpoints} w ON w.id = d.endpoint_id
         WHERE d.id IN (${placeholders(ids.length)})`,
        ids,
      );
      const events = await this.eventsById(tx, rows);
      return rows.map((row) => ({
        delivery: toDeliveryRecord(row),
        url: row.url,
        secrets: toSecrets(row),
        event: events.get(row.event_id) ?? null,
      }));
    });
  }

  /**
   * Due, unleased deliveries of enabled endpoints with no earlier pending delivery of the same
   * resource. The subqueries read without locks (a plain SELECT inside a locking one), so a pending
   * earlier delivery holds its successors back even while another worker leases it.
   */
  private dueSql(): string {
    return `SELECT d.id FROM ${this.deliveries} d
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
        AND (d.lease_until IS NULL OR d.lease_until <= ?)
        AND d.endpoint_id IN (SELECT w.id FROM ${this.endpoints} w WHERE w.status = 'ENABLED')
        AND NOT EXISTS (SELECT 1 FROM ${this.deliveries} p
          WHERE p.endpoint_id = d.endpoint_id AND p.resource_id = d.resource_id AND p.status = 'PENDING'
            AND (p.event_seq < d.event_seq OR (p.event_seq = d.event_seq AND p.id < d.id)))`;
  }

  async prune(before: Date, limit: number): Promise<number> {
    const old = await this.db.rows<{ id: string }>(
      `SELECT id FROM ${this.deliveries} WHERE status <> 'PENDING' AND created_at < ? LIMIT ${Math.floor(limit)}`,
      [toDbDate(before)],
    );
    if (old.length === 0) return 0;
    return this.db.run(
      `DELETE FROM ${this.deliveries} WHERE id IN (${placeholders(old.length)})`,
      old.map((row) => row.id),
    );
  }

  private async eventsById(tx: Sql, rows: readonly ClaimSqlRow[]): Promise<Map<string, ChangeEvent>> {
    const ids = [...new Set(rows.map((row) => row.event_id))];
    const found = await tx.rows<EventSqlRow>(
      `SELECT ${CHANGE_EVENT_COLUMNS}
       FROM ${this.db.dialect.quote('audit_events')} e WHERE e.id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Map(found.map((row) => [row.id, toChangeEvent(row)]));
  }

  async settle(id: string, owner: string, s: DeliverySettlement): Promise<boolean> {
    const delivered = s.status === 'DELIVERED' ? toDbDate(s.attemptedAt) : null;
    const affected = await this.db.run(
      `UPDATE ${this.deliveries} SET status = ?, attempts = attempts + 1, last_attempt_at = ?,
         next_attempt_at = ?, last_status_code = ?, last_error = ?, delivered_at = ?,
         lease_until = NULL, lease_owner = NULL
       WHERE id = ? AND lease_owner = ? AND status = 'PENDING'`,
      [
        s.status,
        toDbDate(s.attemptedAt),
        s.nextAttemptAt ? toDbDate(s.nextAttemptAt) : null,
        s.statusCode,
        s.error === null ? null : s.error.slice(0, 500),
        delivered,
        id,
        owner,
      ],
    );
    return affected === 1;
  }

  async recordEndpointResult(endpointId: string, success: boolean, at: Date): Promise<Date | null> {
    if (success) {
      await this.db.run(
        `UPDATE ${this.endpoints} SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL`,
        [endpointId],
      );
      return null;
    }
    await this.db.run(
      `UPDATE ${this.endpoints} SET failing_since = ? WHERE id = ? AND failing_since IS NULL`,
      [toDbDate(at), endpointId],
    );
    const rows = await this.db.rows<{ failing_since: unknown }>(
      `SELECT failing_since FROM ${this.endpoints} WHERE id = ?`,
      [endpointId],
    );
    return rows[0] ? fromDbDateOrNull(rows[0].failing_since) : null;
  }

  async release(owner: string): Promise<void> {
    await this.db.run(
      `UPDATE ${this.deliveries} SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ? AND status = 'PENDING'`,
      [owner],
    );
  }

  async stats(): Promise<OutboxStats> {
    const q = (name: string) => this.db.dialect.quote(name);
    const [pending] = await this.db.rows<{ oldest: unknown }>(
      `SELECT MIN(a.occurred_at) AS oldest FROM ${this.deliveries} d
       JOIN ${q('audit_events')} a ON a.id = d.event_id WHERE d.status = 'PENDING'`,
    );
    // Events not fanned out yet are undelivered too: the oldest after each enabled endpoint's cursor.
    const [unfanned] = await this.db.rows<{ oldest: unknown }>(
      `SELECT MIN(a.occurred_at) AS oldest FROM ${this.endpoints} w
       JOIN ${q('audit_events')} a ON a.organization_id = w.organization_id AND a.seq = w.cursor_seq + 1
       WHERE w.status = 'ENABLED'`,
    );
    const [dead] = await this.db.rows<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${this.deliveries} WHERE status = 'DEAD'`,
    );
    const dates = [pending?.oldest, unfanned?.oldest]
      .map((value) => fromDbDateOrNull(value))
      .filter((d): d is Date => d !== null);
    return {
      oldestUndeliveredAt: dates.length > 0 ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null,
      dead: Number(dead?.n ?? 0),
    };
  }
}

/** An endpoint's `event_types` (JSON; empty = all) admits this type. */
export function subscribed(eventTypes: unknown, type: string): boolean {
  const text = Buffer.isBuffer(eventTypes) ? eventTypes.toString('utf8') : eventTypes;
  const types = (typeof text === 'string' ? JSON.parse(text) : text) as string[];
  return types.length === 0 || types.includes(type);
}
