import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableIndex } from 'typeorm';

/**
 * The request log of connections (redacted, truncated bodies; kept REQUEST_LOG_DAYS), and the count
 * of log entries dropped rather than slowing provisioning. Both dialects, like the ones before.
 */
export class ConnectionRequests1765300000000 implements MigrationInterface {
  name = 'ConnectionRequests1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const varchar = (name: string, length: number): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...binary,
    });
    const text = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable,
      ...binary,
    });
    const integer = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    await queryRunner.createTable(
      new Table({
        name: 'connection_requests',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('organization_id', 36),
          varchar('connection_id', 36),
          varchar('request_id', 200),
          { name: 'at', type: 'datetime', precision: 3 },
          varchar('method', 16),
          text('path'),
          integer('status'),
          integer('duration_ms'),
          { name: 'dry_run', type: 'boolean' },
          text('quirks'),
          text('resource_ids'),
          text('audit_event_ids'),
          text('request_body', true),
          text('response_body', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_connection_requests_org_connection_at',
            columnNames: ['organization_id', 'connection_id', 'at', 'id'],
          }),
          new TableIndex({
            name: 'ix_connection_requests_org_request_id',
            columnNames: ['organization_id', 'request_id', 'at'],
          }),
          new TableIndex({ name: 'ix_connection_requests_at', columnNames: ['at'] }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'connection_health',
      new TableColumn({ name: 'log_dropped', type: 'bigint', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('connection_health', 'log_dropped');
    await queryRunner.dropTable('connection_requests', true);
  }
}
