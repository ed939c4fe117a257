import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableIndex } from 'typeorm';

/**
 * Health counters of connections, written in batches by the in-memory aggregator (never per
 * request): one row of totals and last outcomes per connection, and hourly buckets for the last
 * 24 hours (older buckets are pruned). Both dialects, like the migrations before it.
 */
export class ConnectionHealth1765200000000 implements MigrationInterface {
  name = 'ConnectionHealth1765200000000';

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
    const key = (name: string): TableColumnOptions => ({ ...varchar(name, 36), isPrimary: true });
    const count = (name: string): TableColumnOptions => ({ name, type: 'bigint', default: 0 });
    const datetime = (name: string, isNullable = true): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: 3,
      isNullable,
    });
    const counts = ['ok_count', 'client_error_count', 'server_error_count'].map(count);
    await queryRunner.createTable(
      new Table({
        name: 'connection_health',
        columns: [
          key('organization_id'),
          key('connection_id'),
          ...counts,
          count('users_created'),
          count('groups_created'),
          datetime('last_request_at'),
          datetime('last_success_at'),
          datetime('last_error_at'),
          { name: 'last_error_status', type: 'integer', isNullable: true },
          varchar('last_error_detail', 512, true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'connection_hourly_counts',
        columns: [
          key('organization_id'),
          key('connection_id'),
          { ...datetime('hour', false), isPrimary: true },
          ...counts,
        ],
        indices: [new TableIndex({ name: 'ix_connection_hourly_counts_hour', columnNames: ['hour'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('connection_hourly_counts', true);
    await queryRunner.dropTable('connection_health', true);
  }
}
