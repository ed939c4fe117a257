import { DataSource } from 'typeorm';
import { PoolConnections } from '../../src/persistence/connections';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { dialects } from '../../src/persistence/dialect';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/** Runs only against MariaDB: isolation levels are a MySQL session setting. */
describe('transactions on a MySQL pool', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    url.searchParams.set('poolSize', '3');
    dataSource = new DataSource(
      dataSourceOptions(url.toString(), { onQuery: (sql) => statements.push(sql) }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('run at READ COMMITTED, set once per pooled connection rather than per transaction', async () => {
    const connections = new PoolConnections(dataSource, dialects.mysql);
    statements.length = 0;

    const levels = await Promise.all(
      Array.from({ length: 12 }, () =>
        connections.transaction(async (sql) => {
          const [row] = await sql.rows<{ level: string }>('SELECT @@tx_isolation AS level', []);
          // Hold the connection a little so all three pooled connections are used.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return row.level;
        }),
      ),
    );

    expect(new Set(levels)).toEqual(new Set(['READ-COMMITTED']));
    const sets = statements.filter((sql) => /ISOLATION LEVEL/i.test(sql));
    expect(sets.length).toBeGreaterThanOrEqual(1);
    expect(sets.length).toBeLessThanOrEqual(3);
  });
});
