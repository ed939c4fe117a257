import { DataSource } from 'typeorm';
import type { Store } from '../../../src/domain/store';
import { dataSourceOptions } from '../../../ormconfig';
import type { FilterInput } from '../../../src/domain/filter/filter';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { USER_ATTRIBUTES } from '../../../src/domain/users/user-attributes';
import type { Dialect } from '../../../src/persistence/dialect';
import { dialectFor } from '../../../src/persistence/dialect';
import { compileFilter } from '../../../src/persistence/filter/compile-filter';
import { USER_FILTER_TARGET } from '../../../src/persistence/filter/user-filter-target';
import { createStore } from '../../../src/persistence/typeorm-store';
import { groupRow, insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase, isMysqlTest } from '../../fixtures/test-database';

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

/**
 * Each step of a membership walk (a user's groups, a group's ancestors, the users of matching groups)
 * looks up the next rows by index from the rows found so far — also on a SQLite database nobody has
 * analysed (the service never runs ANALYZE while it serves), whose planner would otherwise read the
 * organization's memberships at every step.
 */
describe('query plans of the membership walks', () => {
  let db: TestDatabase;
  let store: Store;
  const sent: { sql: string; parameters: readonly unknown[] }[] = [];
  const org = organizationRecord();
  let userId: string;
  let innerId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await createStore({
      databaseUrl: db.url,
      onQuery: (sql, parameters) => sent.push({ sql, parameters: parameters ?? [] }),
    });
    await store.repositories.organizations.insert(org);
    const [user] = await insertUsers(store, [userRow(org.id, { userName: 'walker@example.com' })]);
    userId = user!.id;
    const [inner, outer] = [groupRow(org.id, 'Inner'), groupRow(org.id, 'Outer')];
    await store.transaction(async (tx) => {
      await tx.groups.insert(inner);
      await tx.groups.insert(outer);
    });
    innerId = inner.id;
    const at = new Date('2026-01-02T03:04:05Z');
    await store.repositories.memberships.add(org.id, inner.id, [{ id: userId, type: 'User' }], at);
    await store.repositories.memberships.add(org.id, outer.id, [{ id: inner.id, type: 'Group' }], at);
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  /** The plan of the walk `read` sends (its one statement with a WITH RECURSIVE), as text. */
  async function planOf(read: () => Promise<unknown>): Promise<string> {
    sent.length = 0;
    await read();
    const walks = sent.filter((s) => /WITH RECURSIVE/i.test(s.sql));
    expect(walks).toHaveLength(1);
    const explain = isMysqlTest() ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
    const source = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      return JSON.stringify(await source.query(`${explain} ${walks[0]!.sql}`, [...walks[0]!.parameters]));
    } finally {
      await source.destroy();
    }
  }

  /**
   * group_members (`gm`) is read by index lookups only: never scanned, and on SQLite never searched
   * by the organization alone (which reads every membership of the organization).
   */
  function expectIndexLookups(plan: string): void {
    if (isMysqlTest()) {
      expect(plan).toMatch(/"table":"gm"[^}]*"type":"(ref|eq_ref)"/);
      expect(plan).not.toMatch(/"table":"gm"[^}]*"type":"(ALL|index)"/);
      // The walk's rows first, then group_members: MariaDB chose the reverse on large tables.
      expect(plan.indexOf('"table":"gm"')).toBeGreaterThan(plan.search(/"table":"<derived\d+>"/));
    } else {
      expect(plan).toMatch(
        /SEARCH gm USING (COVERING )?INDEX \w+ \((organization_id=\? AND member_id|group_id)=\?\)/,
      );
      expect(plan).not.toMatch(/(SCAN gm|gm USING (COVERING )?INDEX \w+ \(organization_id=\?\))/);
    }
  }

  it("reads a user's groups step by step", async () => {
    expectIndexLookups(await planOf(() => store.repositories.memberships.groupsOfUsers(org.id, [userId])));
    expectIndexLookups(await planOf(() => store.repositories.users.findByIdWithGroups(org.id, userId)));
  });

  it('finds the users of matching groups step by step', async () => {
    const filter = resolveFilter(
      { kind: 'condition', attribute: 'groups.display', op: 'eq', value: 'Outer' },
      USER_ATTRIBUTES,
    );
    expectIndexLookups(await planOf(() => store.repositories.users.findPage(org.id, filter, { first: 10 })));
  });

  // An import walk pages through the whole directory: each page must start at its cursor, not read
  // the organization's ids from the first (MariaDB's choice, through the same index, without a hint).
  it('reads an unfiltered page after a cursor as a range of the organization index', async () => {
    const first = await store.repositories.users.findPage(org.id, null, { first: 1 });
    sent.length = 0;
    await store.repositories.users.findPage(org.id, null, { first: 10, after: first.items[0]!.cursor });
    const [page] = sent.filter((s) => /LIMIT/.test(s.sql));
    const explain = isMysqlTest() ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
    const source = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      const plan = JSON.stringify(await source.query(`${explain} ${page!.sql}`, [...page!.parameters]));
      if (isMysqlTest()) expect(plan).toMatch(/"table":"u","type":"range"[^}]*"key":"ix_users_org_id"/);
      else
        expect(plan).toMatch(
          /SEARCH u USING (COVERING )?INDEX ix_users_org_id \(organization_id=\? AND id>\?\)/,
        );
    } finally {
      await source.destroy();
    }
  });

  it("reads a group's ancestors step by step", async () => {
    expectIndexLookups(await planOf(() => store.repositories.memberships.ancestorsOf(org.id, innerId)));
  });
});
