import type { WebhookDeliveryRecord } from '../../domain/webhooks/webhook';
import type { DeliveryListQuery, WebhookDeliveryRepository } from '../../domain/webhooks/webhook.repository';
import type { SqlParam } from '../dialect';
import { toDbDate } from '../dialect';
import type { DeliverySqlRow } from '../mappers/webhook.mapper';
import { deliveryColumns, toDeliveryRecord } from '../mappers/webhook.mapper';
import type { Sql } from '../sql';
import { insertDeliveries, subscribed } from './webhook-outbox.repository';

/** What admins read and ask for: deliveries of one endpoint, newest first; redelivery and replay. */
export class SqlWebhookDeliveryRepository implements WebhookDeliveryRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('webhook_deliveries');
  }

  async list(organizationId: string, query: DeliveryListQuery): Promise<WebhookDeliveryRecord[]> {
    const where = ['d.organization_id = ?', 'd.endpoint_id = ?'];
    const params: SqlParam[] = [organizationId, query.endpointId];
    if (query.status) {
      where.push('d.status = ?');
      params.push(query.status);
    }
    if (query.beforeId) {
      where.push('d.id < ?');
      params.push(query.beforeId);
    }
    const rows = await this.db.rows<DeliverySqlRow>(
      `SELECT ${deliveryColumns('d')} FROM ${this.table} d WHERE ${where.join(' AND ')}
       ORDER BY d.id DESC LIMIT ${Math.max(0, Math.floor(query.limit))}`,
      params,
    );
    return rows.map(toDeliveryRecord);
  }

  async findById(organizationId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    const rows = await this.db.rows<DeliverySqlRow>(
      `SELECT ${deliveryColumns('d')} FROM ${this.table} d WHERE d.organization_id = ? AND d.id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toDeliveryRecord(rows[0]) : null;
  }

  async copy(source: WebhookDeliveryRecord, id: string, at: Date): Promise<void> {
    await this.db.run(
      `INSERT INTO ${this.table} (id, organization_id, endpoint_id, event_id, event_seq, event_type,
         resource_id, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)`,
      [
        id,
        source.organizationId,
        source.endpointId,
        source.eventId,
        source.eventSeq,
        source.eventType,
        source.resourceId,
        toDbDate(at),
        toDbDate(at),
      ],
    );
  }

  async replay(organizationId: string, endpointId: string, since: Date, at: Date): Promise<number> {
    const q = (name: string) => this.db.dialect.quote(name);
    const events = await this.db.rows<{
      id: string;
      seq: number | string;
      event_type: string;
      target_id: string;
      event_types: unknown;
    }>(
      `SELECT a.id, a.seq, a.event_type, a.target_id, w.event_types
       FROM ${q('audit_events')} a JOIN ${q('webhook_endpoints')} w
         ON w.organization_id = a.organization_id AND w.id = ?
       WHERE a.organization_id = ? AND a.seq IS NOT NULL AND a.seq <= w.cursor_seq AND a.occurred_at >= ?
       ORDER BY a.seq`,
      [endpointId, organizationId, toDbDate(since)],
    );
    const wanted = events
      .filter((e) => subscribed(e.event_types, e.event_type))
      .map((e) => ({
        organizationId,
        endpointId,
        eventId: e.id,
        eventSeq: Number(e.seq),
        eventType: e.event_type,
        resourceId: e.target_id,
      }));
    await insertDeliveries(this.db, wanted, at);
    return wanted.length;
  }
}
