import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableIndex } from 'typeorm';

/**
 * Setup links (issue 13 §6): a connection's one-URL access for the IT admin who configures the
 * identity provider. Only the SHA-256 of the secret is stored (unique: authentication looks it up
 * by it); the other index serves a connection's list and its deletion's revocation.
 */
export class SetupLinks1766000000000 implements MigrationInterface {
  name = 'SetupLinks1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const varchar = (name: string, length: number): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
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
        name: 'setup_links',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('organization_id', 36),
          varchar('connection_id', 36),
          varchar('secret_hash', 64),
          varchar('created_by', 320),
          datetime('created_at'),
          datetime('expires_at'),
          datetime('revoked_at', true),
          datetime('last_used_at', true),
          { name: 'use_count', type: 'integer', default: 0 },
        ],
        indices: [
          new TableIndex({
            name: 'ux_setup_links_secret_hash',
            columnNames: ['secret_hash'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_setup_links_org_connection',
            columnNames: ['organization_id', 'connection_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('setup_links', true);
  }
}
