import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The initial schema, written once for both dialects with the QueryRunner API. On MySQL/MariaDB
 * every textual column is utf8mb4 with the binary collation, so `=`, `LIKE`, ORDER BY and unique
 * indexes compare exactly as SQLite's default BINARY collation does; case-insensitive matching is
 * done on the lower-cased `*_key` columns. Every index serving a lookup starts with
 * organization_id. This file is frozen: later changes get new migrations.
 */
export class InitialSchema1764200000000 implements MigrationInterface {
  name = 'InitialSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(isMysql(queryRunner));
    const create = (table: Table) => queryRunner.createTable(table);

    await create(
      new Table({
        name: 'organizations',
        columns: [c.id(), c.varchar('slug', 64), c.varchar('name', 256), c.datetime('created_at')],
        indices: [unique('ux_organizations_slug', 'slug')],
      }),
    );
    await create(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('organization_id', 36),
          c.varchar('user_name', 256),
          c.varchar('user_name_key', 512),
          c.text('display_name', true),
          c.varchar('display_name_key', 255, true),
          c.varchar('external_id', 256, true),
          c.boolean('active'),
          ...USER_TEXT_COLUMNS.map((name) => c.text(name, true)),
          c.varchar('manager_id', 256, true),
          ...USER_JSON_COLUMNS.map((name) => c.json(name)),
          c.varchar('password_hash', 256, true),
          c.integer('version'),
          c.datetime('created_at'),
          c.datetime('updated_at'),
        ],
        indices: [
          unique('ux_users_org_user_name_key', 'organization_id', 'user_name_key'),
          index('ix_users_org_id', 'organization_id', 'id'),
          index('ix_users_org_display_name_key', 'organization_id', 'display_name_key', 'id'),
          index('ix_users_org_external_id', 'organization_id', 'external_id', 'id'),
          index('ix_users_org_manager_id', 'organization_id', 'manager_id', 'id'),
          index('ix_users_org_created_at', 'organization_id', 'created_at', 'id'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'user_values',
        columns: [
          { ...c.varchar('user_id', 36), isPrimary: true },
          { ...c.varchar('attribute', 32), isPrimary: true },
          { ...c.integer('position'), isPrimary: true },
          c.varchar('organization_id', 36),
          c.text('value', true),
          c.varchar('value_key', 255, true),
          c.text('type', true),
          c.boolean('primary_flag'),
          ...['display', 'formatted', 'street_address', 'locality', 'region', 'postal_code', 'country'].map(
            (name) => c.text(name, true),
          ),
        ],
        indices: [
          index('ix_user_values_org_attribute_value_key', 'organization_id', 'attribute', 'value_key'),
        ],
        foreignKeys: [cascade('user_id', 'users')],
      }),
    );
    await create(
      new Table({
        name: 'groups',
        columns: [
          c.id(),
          c.varchar('organization_id', 36),
          c.text('display_name'),
          c.varchar('display_name_key', 255),
          c.varchar('external_id', 256, true),
          c.integer('version'),
          c.datetime('created_at'),
          c.datetime('updated_at'),
        ],
        indices: [
          index('ix_groups_org_id', 'organization_id', 'id'),
          index('ix_groups_org_display_name_key', 'organization_id', 'display_name_key', 'id'),
          index('ix_groups_org_external_id', 'organization_id', 'external_id', 'id'),
          index('ix_groups_org_created_at', 'organization_id', 'created_at', 'id'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'group_members',
        columns: [
          { ...c.varchar('group_id', 36), isPrimary: true },
          { ...c.varchar('member_id', 36), isPrimary: true },
          c.varchar('organization_id', 36),
          c.varchar('member_type', 8),
          c.datetime('created_at'),
        ],
        // No foreign key to groups: see GroupMemberEntity (it would deadlock concurrent additions).
        indices: [index('ix_group_members_org_member_id', 'organization_id', 'member_id', 'group_id')],
      }),
    );
    await create(
      new Table({
        name: 'api_tokens',
        columns: [
          c.id(),
          c.varchar('organization_id', 36),
          c.varchar('name', 128),
          c.varchar('prefix', 32),
          c.varchar('secret_hash', 64),
          c.json('scopes'),
          c.datetime('expires_at', true),
          c.datetime('last_used_at', true),
          c.datetime('revoked_at', true),
          c.varchar('created_by', 320),
          c.datetime('created_at'),
        ],
        indices: [
          unique('ux_api_tokens_secret_hash', 'secret_hash'),
          index('ix_api_tokens_org_id', 'organization_id', 'id'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'audit_events',
        columns: [
          c.id(),
          c.varchar('organization_id', 36),
          c.varchar('actor', 320),
          c.varchar('channel', 16),
          c.varchar('action', 64),
          c.varchar('target_type', 32),
          c.varchar('target_id', 64),
          c.json('changes'),
          c.json('notes'),
          c.varchar('request_id', 200),
          c.datetime('occurred_at'),
        ],
        indices: [
          index('ix_audit_events_org_occurred_at', 'organization_id', 'occurred_at', 'id'),
          index('ix_audit_events_org_target_id', 'organization_id', 'target_id', 'occurred_at', 'id'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'extension_attributes',
        columns: [
          c.id(),
          c.varchar('organization_id', 36),
          c.varchar('schema_urn', 256),
          c.varchar('name', 64),
          c.varchar('name_key', 64),
          c.varchar('type', 16),
          c.boolean('multi_valued'),
          c.boolean('case_exact'),
          c.boolean('required'),
          c.json('canonical_values'),
          c.text('description', true),
          c.datetime('created_at'),
        ],
        indices: [
          unique('ux_extension_attributes_org_schema_name_key', 'organization_id', 'schema_urn', 'name_key'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'extension_attributes',
      'audit_events',
      'api_tokens',
      'group_members',
      'groups',
      'user_values',
      'users',
      'organizations',
    ]) {
      await queryRunner.dropTable(table, true, true, true);
    }
  }
}

const USER_TEXT_COLUMNS = [
  'name_formatted',
  'family_name',
  'given_name',
  'middle_name',
  'honorific_prefix',
  'honorific_suffix',
  'nick_name',
  'profile_url',
  'title',
  'user_type',
  'preferred_language',
  'locale',
  'timezone',
  'employee_number',
  'cost_center',
  'organization',
  'division',
  'department',
];

const USER_JSON_COLUMNS = [
  'emails',
  'phone_numbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509_certificates',
  'addresses',
  'extensions',
];

const isMysql = (queryRunner: QueryRunner): boolean =>
  ['mysql', 'mariadb'].includes(queryRunner.connection.driver.options.type);

const index = (name: string, ...columnNames: string[]) => new TableIndex({ name, columnNames });

const unique = (name: string, ...columnNames: string[]) =>
  new TableIndex({ name, columnNames, isUnique: true });

/** Rows that belong to a parent go with it. Names are TypeORM's defaults, as the entities have them. */
const cascade = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    onUpdate: 'RESTRICT',
  });

/** Column builders; on MySQL, textual columns get utf8mb4 with the binary (case- and accent-exact) collation. */
function columns(mysql: boolean) {
  const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
  const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
    ...binary,
  });
  return {
    id: (): TableColumnOptions => ({ ...varchar('id', 36), isPrimary: true }),
    varchar,
    text: (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable,
      ...binary,
    }),
    // MariaDB's JSON is LONGTEXT in utf8mb4_bin with a json_valid check; MySQL's is a binary JSON type.
    json: (name: string): TableColumnOptions => ({ name, type: 'json' }),
    boolean: (name: string): TableColumnOptions => ({ name, type: 'boolean' }),
    integer: (name: string): TableColumnOptions => ({ name, type: 'integer' }),
    datetime: (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: 3,
      isNullable,
    }),
  };
}
