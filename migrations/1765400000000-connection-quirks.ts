import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table } from 'typeorm';

/** The IdP quirks each connection needed, with counts and when each was last seen (flushed in batches). */
export class ConnectionQuirks1765400000000 implements MigrationInterface {
  name = 'ConnectionQuirks1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const key = (name: string, length: number): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isPrimary: true,
      ...binary,
    });
    await queryRunner.createTable(
      new Table({
        name: 'connection_quirks',
        columns: [
          key('organization_id', 36),
          key('connection_id', 36),
          key('name', 64),
          { name: 'count', type: 'bigint', default: 0 },
          { name: 'last_seen_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('connection_quirks', true);
  }
}
