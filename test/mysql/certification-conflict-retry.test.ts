import { DataSource } from 'typeorm';
import { isDomainError } from '../../src/errors';
import { PoolConnections } from '../../src/persistence/connections';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { dialects } from '../../src/persistence/dialect';
import type { Sql } from '../../src/persistence/sql';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/**
 * Galera refuses a transaction that lost certification with MySQL's deadlock error (1213, SQLSTATE
 * 40001) — on COMMIT, or on any statement when a replicated write aborts it. The server raises the
 * same error here through SIGNAL, after the transaction has written, as a refused commit would.
 */
const refuse = (sql: Sql) =>
  sql.run(
    "SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'",
  );

describe('transactions refused by certification (Galera) or chosen as deadlock victims', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sut: PoolConnections;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    await dataSource.query('CREATE TABLE certified (id INT PRIMARY KEY, note VARCHAR(20))');
    sut = new PoolConnections(dataSource, dialects.mysql);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rows = async (id: number) =>
    ((await dataSource.query('SELECT note FROM certified WHERE id = ?', [id])) as { note: string }[]).map(
      (row) => row.note,
    );

  it('are tried again transparently: the write lands once', async () => {
    let attempts = 0;
    const result = await sut.transaction(async (sql) => {
      attempts++;
      await sql.run('INSERT INTO certified (id, note) VALUES (1, ?)', [`attempt ${attempts}`]);
      if (attempts < 3) await refuse(sql);
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(await rows(1)).toEqual(['attempt 3']);
  });

  it('give up after a bounded number of tries as UNAVAILABLE (503), with nothing applied', async () => {
    let attempts = 0;
    const failure = await sut
      .transaction(async (sql) => {
        attempts++;
        await sql.run('INSERT INTO certified (id, note) VALUES (2, ?)', ['never']);
        await refuse(sql);
      })
      .catch((error: unknown) => error);
    expect(isDomainError(failure) && failure.code).toBe('UNAVAILABLE');
    expect(attempts).toBe(5);
    expect(await rows(2)).toEqual([]);
  });
});
