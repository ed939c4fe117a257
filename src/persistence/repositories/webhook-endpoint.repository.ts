import type {
  WebhookEndpointRecord,
  WebhookEndpointStatus,
  WebhookSecrets,
} from '../../domain/webhooks/webhook';
import type { WebhookEndpointRepository } from '../../domain/webhooks/webhook.repository';
import { placeholders, toDbDate, toDbDateOrNull } from '../dialect';
import type { EndpointSqlRow, SecretsSqlRow } from '../mappers/webhook.mapper';
import {
  ENDPOINT_COLUMN_NAMES,
  ENDPOINT_COLUMNS,
  endpointParams,
  toEndpointRecord,
  toSecrets,
} from '../mappers/webhook.mapper';
import type { Sql } from '../sql';

/** Webhook endpoints; every statement is scoped by (organization_id, id). */
export class SqlWebhookEndpointRepository implements WebhookEndpointRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('webhook_endpoints');
  }

  async insert(endpoint: WebhookEndpointRecord, secrets: WebhookSecrets, cursorSeq: number): Promise<void> {
    const params = [
      ...endpointParams(endpoint),
      secrets.current,
      secrets.previous,
      toDbDateOrNull(secrets.previousUntil),
      cursorSeq,
    ];
    const columns = [
      ...ENDPOINT_COLUMN_NAMES,
      'secret_ciphertext',
      'previous_secret_ciphertext',
      'previous_secret_until',
      'cursor_seq',
    ];
    await this.db.run(
      `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${placeholders(params.length)})`,
      params,
    );
  }

  async findById(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    const rows = await this.db.rows<EndpointSqlRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM ${this.table} WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toEndpointRecord(rows[0]) : null;
  }

  async list(organizationId: string): Promise<WebhookEndpointRecord[]> {
    const rows = await this.db.rows<EndpointSqlRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM ${this.table} WHERE organization_id = ? ORDER BY id`,
      [organizationId],
    );
    return rows.map(toEndpointRecord);
  }

  async secretsOf(organizationId: string, id: string): Promise<WebhookSecrets | null> {
    const rows = await this.db.rows<SecretsSqlRow>(
      `SELECT secret_ciphertext, previous_secret_ciphertext, previous_secret_until FROM ${this.table}
       WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toSecrets(rows[0]) : null;
  }

  async setSecrets(organizationId: string, id: string, secrets: WebhookSecrets, at: Date): Promise<boolean> {
    const affected = await this.db.run(
      `UPDATE ${this.table} SET secret_ciphertext = ?, previous_secret_ciphertext = ?,
         previous_secret_until = ?, updated_at = ? WHERE organization_id = ? AND id = ?`,
      [
        secrets.current,
        secrets.previous,
        toDbDateOrNull(secrets.previousUntil),
        toDbDate(at),
        organizationId,
        id,
      ],
    );
    return affected === 1;
  }

  /** Enabling also clears the failing streak: the 3 days start again from the next failure. */
  async setStatus(
    organizationId: string,
    id: string,
    status: WebhookEndpointStatus,
    reason: string | null,
    at: Date,
  ): Promise<boolean> {
    const affected = await this.db.run(
      `UPDATE ${this.table} SET status = ?, disabled_reason = ?, updated_at = ?,
         failing_since = CASE WHEN ? = 'ENABLED' THEN NULL ELSE failing_since END
       WHERE organization_id = ? AND id = ?`,
      [status, reason, toDbDate(at), status, organizationId, id],
    );
    return affected === 1;
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    await this.db.run(
      `DELETE FROM ${this.db.dialect.quote('webhook_deliveries')} WHERE organization_id = ? AND endpoint_id = ?`,
      [organizationId, id],
    );
    const affected = await this.db.run(`DELETE FROM ${this.table} WHERE organization_id = ? AND id = ?`, [
      organizationId,
      id,
    ]);
    return affected === 1;
  }

  async lastEventSeq(organizationId: string): Promise<number> {
    const rows = await this.db.rows<{ last_seq: number | string }>(
      `SELECT last_seq FROM ${this.db.dialect.quote('event_sequences')} WHERE organization_id = ?`,
      [organizationId],
    );
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }
}
