import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableIndex } from 'typeorm';

/**
 * Webhooks: endpoints (secrets AES-256-GCM encrypted, a per-endpoint cursor into the event feed)
 * and the delivery outbox the worker fans events out into, leases, sends and settles. The write
 * path is untouched: deliveries are created from the feed by the worker, not by each change.
 * `service_settings` holds the generated webhook secret key when WEBHOOK_SECRET_KEY is unset.
 */
export class Webhooks1765600000000 implements MigrationInterface {
  name = 'Webhooks1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
      ...binary,
    });
    const datetime = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: 3,
      isNullable,
    });
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('organization_id', 36),
          varchar('url', 2048),
          varchar('description', 500, true),
          { name: 'event_types', type: 'json' },
          varchar('status', 16),
          varchar('disabled_reason', 32, true),
          datetime('failing_since', true),
          varchar('secret_ciphertext', 255),
          varchar('previous_secret_ciphertext', 255, true),
          datetime('previous_secret_until', true),
          { name: 'cursor_seq', type: 'bigint' },
          varchar('created_by', 320),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_webhook_endpoints_org_id', columnNames: ['organization_id', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('organization_id', 36),
          varchar('endpoint_id', 36),
          varchar('event_id', 36),
          { name: 'event_seq', type: 'bigint' },
          varchar('event_type', 64),
          varchar('resource_id', 64),
          varchar('status', 16),
          { name: 'attempts', type: 'integer' },
          datetime('next_attempt_at', true),
          datetime('lease_until', true),
          varchar('lease_owner', 64, true),
          datetime('last_attempt_at', true),
          { name: 'last_status_code', type: 'integer', isNullable: true },
          varchar('last_error', 500, true),
          datetime('delivered_at', true),
          datetime('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_webhook_deliveries_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
          new TableIndex({
            name: 'ix_webhook_deliveries_order',
            columnNames: ['endpoint_id', 'resource_id', 'status', 'event_seq'],
          }),
          new TableIndex({
            name: 'ix_webhook_deliveries_org_endpoint',
            columnNames: ['organization_id', 'endpoint_id', 'id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_settings',
        columns: [{ ...varchar('name', 64), isPrimary: true }, varchar('value', 500)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('service_settings', true);
    await queryRunner.dropTable('webhook_deliveries', true);
    await queryRunner.dropTable('webhook_endpoints', true);
  }
}
