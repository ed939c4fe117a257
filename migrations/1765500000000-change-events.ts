import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Change events live on the audit trail (one table, one source of truth): an audit row that is
 * also an event gets the organization's next sequence number, its type, the resource's version
 * after the change and the payload. `event_sequences` holds one counter row per organization; a
 * writer increments it last in its transaction and holds its lock until commit, so sequence numbers
 * are assigned in commit order and a reader never sees n+1 before n.
 */
export class ChangeEvents1765500000000 implements MigrationInterface {
  name = 'ChangeEvents1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const added: TableColumnOptions[] = [
      { name: 'seq', type: 'bigint', isNullable: true },
      { name: 'event_type', type: 'varchar', length: '64', isNullable: true, ...binary },
      { name: 'resource_version', type: 'integer', isNullable: true },
      { name: 'data', type: 'json', isNullable: true },
      // 2, 3, … on the further events of one change: the audit trail lists each change once.
      { name: 'event_part', type: 'integer', isNullable: true },
    ];
    await queryRunner.addColumns(
      'audit_events',
      added.map((column) => new TableColumn(column)),
    );
    await queryRunner.createIndex(
      'audit_events',
      new TableIndex({
        name: 'ux_audit_events_org_seq',
        columnNames: ['organization_id', 'seq'],
        isUnique: true,
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_sequences',
        columns: [
          { name: 'organization_id', type: 'varchar', length: '36', isPrimary: true, ...binary },
          { name: 'last_seq', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_sequences', true);
    await queryRunner.dropIndex('audit_events', 'ux_audit_events_org_seq');
    for (const column of ['event_part', 'data', 'resource_version', 'event_type', 'seq'])
      await queryRunner.dropColumn('audit_events', column);
  }
}
