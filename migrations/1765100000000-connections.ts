import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableIndex } from 'typeorm';
import { uuidV7 } from '../src/domain/shared/uuid-v7';

/**
 * Connections (one per IdP app of an organization) and the tokens that belong to one. Every token
 * that carries the `scim` scope alone and is not revoked is wrapped in a GENERIC_SCIM2 connection of
 * its own name, so the SCIM traffic of existing integrations is attributed to a connection from now
 * on and their secrets keep working unchanged. Written once for both dialects, like the first one.
 */
export class Connections1765100000000 implements MigrationInterface {
  name = 'Connections1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const binary = isMysql(queryRunner) ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
      ...binary,
    });
    const datetime = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3 });
    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('organization_id', 36),
          varchar('name', 128),
          varchar('kind', 32),
          varchar('status', 16),
          { name: 'token_lifetime_days', type: 'integer', isNullable: true },
          varchar('created_by', 320),
          datetime('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_connections_org_id', columnNames: ['organization_id', 'id'] })],
      }),
    );
    await queryRunner.addColumn('api_tokens', new TableColumn(varchar('connection_id', 36, true)));
    await queryRunner.createIndex(
      'api_tokens',
      new TableIndex({
        name: 'ix_api_tokens_org_connection',
        columnNames: ['organization_id', 'connection_id'],
      }),
    );
    await wrapScimTokens(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('api_tokens', 'ix_api_tokens_org_connection');
    await queryRunner.dropColumn('api_tokens', 'connection_id');
    await queryRunner.dropTable('connections', true);
  }
}

interface TokenRow {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly scopes: unknown;
  readonly created_by: string;
  readonly created_at: unknown;
}

async function wrapScimTokens(queryRunner: QueryRunner): Promise<void> {
  const q = (name: string) => queryRunner.connection.driver.escape(name);
  const tokens = (await queryRunner.query(
    `SELECT id, organization_id, name, scopes, created_by, created_at FROM ${q('api_tokens')} WHERE revoked_at IS NULL AND connection_id IS NULL AND organization_id <> ''`,
  )) as TokenRow[];
  for (const token of tokens.filter((t) => isScimOnly(t.scopes))) {
    const createdAt = utcMillis(token.created_at);
    // A UUIDv7 of the token's creation time, so connections sort by age like every other id.
    const connectionId = uuidV7(createdAt);
    await queryRunner.query(
      `INSERT INTO ${q('connections')} (id, organization_id, name, kind, status, token_lifetime_days, created_by, created_at) VALUES (?, ?, ?, 'GENERIC_SCIM2', 'ACTIVE', NULL, ?, ?)`,
      [connectionId, token.organization_id, token.name, token.created_by, toDbText(createdAt)],
    );
    await queryRunner.query(`UPDATE ${q('api_tokens')} SET connection_id = ? WHERE id = ?`, [
      connectionId,
      token.id,
    ]);
  }
}

function isScimOnly(value: unknown): boolean {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  const scopes: unknown = typeof text === 'string' ? JSON.parse(text) : text;
  return Array.isArray(scopes) && scopes.length === 1 && scopes[0] === 'scim';
}

/** Stored datetimes as read back: a Date (mysql2) or the stored text (SQLite), in UTC either way. */
function utcMillis(value: unknown): number {
  const parsed = value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`);
  return Number.isNaN(parsed.getTime()) ? Date.now() : parsed.getTime();
}

const toDbText = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const isMysql = (queryRunner: QueryRunner): boolean =>
  ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);
