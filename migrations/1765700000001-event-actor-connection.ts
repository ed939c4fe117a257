import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * The connection a change came through (the IdP app whose token made it), recorded with the change
 * so an event names its actor fully — connection, token, JWT subject — and keeps naming it after the
 * token or the connection is gone. Null for changes not made with a connection's token.
 */
export class EventActorConnection1765700000001 implements MigrationInterface {
  name = 'EventActorConnection1765700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    await queryRunner.addColumn(
      'audit_events',
      new TableColumn({ name: 'connection_id', type: 'varchar', length: '36', isNullable: true, ...binary }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_events', 'connection_id');
  }
}
