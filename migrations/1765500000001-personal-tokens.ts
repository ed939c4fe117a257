import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn, TableIndex } from 'typeorm';

/**
 * Personal API tokens: a token may belong to a user, and deactivating or deleting that user revokes
 * it in the same transaction. The index serves that lookup.
 */
export class PersonalTokens1765500000001 implements MigrationInterface {
  name = 'PersonalTokens1765500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    await queryRunner.addColumn(
      'api_tokens',
      new TableColumn({ name: 'user_id', type: 'varchar', length: '36', isNullable: true, ...binary }),
    );
    await queryRunner.createIndex(
      'api_tokens',
      new TableIndex({ name: 'ix_api_tokens_org_user_id', columnNames: ['organization_id', 'user_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('api_tokens', 'ix_api_tokens_org_user_id');
    await queryRunner.dropColumn('api_tokens', 'user_id');
  }
}
