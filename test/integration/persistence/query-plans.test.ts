import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../ormconfig';
import type { FilterInput } from '../../../src/domain/filter/filter';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { USER_ATTRIBUTES } from '../../../src/domain/users/user-attributes';
import type { Dialect } from '../../../src/persistence/dialect';
import { dialectFor } from '../../../src/persistence/dialect';
import { compileFilter } from '../../../src/persistence/filter/compile-filter';
import { USER_FILTER_TARGET } from '../../../src/persistence/filter/user-filter-target';
import { createStore } from '../../../src/persistence/typeorm-store';
import { insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';

/** The hot lookups of SCIM provisioning must be index lookups, not scans of the organization. */
describe('query plans', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let dialect: Dialect;
  const org = organizationRecord();

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = await createStore({ databaseUrl: db.url });
    await store.repositories.organizations.insert(org);
    await insertUsers(
      store,
      Array.from({ length: 200 }, (_, i) =>
        userRow(org.id, {
          userName: `user${i}@example.com`,
          externalId: `ext-${i}`,
          displayName: `User ${i}`,
          emails: [{ value: `user${i}@example.com`, type: 'work', primary: true, display: null }],
        }),
      ),
    );
    await store.close();
    dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
    dialect = dialectFor(dataSource.options.type);
    if (dialect.name === 'sqlite') await dataSource.query('ANALYZE');
    else
      for (const table of ['users', 'user_values'])
        await dataSource.query(`ANALYZE TABLE ${dialect.quote(table)}`);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  async function plan(filter: FilterInput): Promise<string> {
    const where = compileFilter(resolveFilter(filter, USER_ATTRIBUTES), USER_FILTER_TARGET, {
      dialect,
      organizationId: org.id,
    });
    const sql = `SELECT u.id FROM ${dialect.quote('users')} u WHERE u.organization_id = ? AND ${where.sql} ORDER BY u.id LIMIT 11`;
    const explain = dialect.name === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN';
    const rows: Record<string, unknown>[] = await dataSource.query(`${explain} ${sql}`, [
      org.id,
      ...where.params,
    ]);
    return JSON.stringify(rows);
  }

  it.each([
    ['userName', 'User7@Example.com', 'ux_users_org_user_name_key'],
    ['externalId', 'ext-7', 'ix_users_org_external_id'],
    ['displayName', 'user 7', 'ix_users_org_display_name_key'],
    ['emails.value', 'USER7@example.com', 'ix_user_values_org_attribute_value_key'],
  ])('%s eq is an index lookup', async (attribute, value, index) => {
    expect(await plan({ kind: 'condition', attribute, op: 'eq', value })).toContain(index);
  });
});
