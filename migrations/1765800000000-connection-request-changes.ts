import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * A dry-run request's would-be changes on its request-log entry (JSON: resource, action, changed
 * attributes, values before and after); NULL for requests that committed (their audit events say
 * what changed). Both dialects.
 */
export class ConnectionRequestChanges1765800000000 implements MigrationInterface {
  name = 'ConnectionRequestChanges1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    await queryRunner.addColumn(
      'connection_requests',
      new TableColumn({ name: 'changes', type: 'text', isNullable: true, ...binary }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('connection_requests', 'changes');
  }
}
