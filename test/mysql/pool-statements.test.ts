import { DataSource } from 'typeorm';
import { isDomainError } from '../../src/errors';
import { PoolConnections } from '../../src/persistence/connections';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { dialects } from '../../src/persistence/dialect';
import type { Sql } from '../../src/persistence/sql';
import { AutoCommitSql } from '../../src/persistence/sql';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/**
 * Runs only against MariaDB: statements run on the pool's mysql2 connections directly, not through a
 * TypeORM QueryRunner. What repositories see must be what TypeORM gave them: the same results, every
 * statement reported to the query logger, and failures translated by map-db-error.ts.
 */
describe('statements on the MySQL pool', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let connections: PoolConnections;
  let sut: Sql;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, { onQuery: (sql) => statements.push(sql) }));
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(5) NOT NULL, UNIQUE KEY ux_notes_body (body))',
    );
    connections = new PoolConnections(dataSource, dialects.mysql);
    sut = new AutoCommitSql(dialects.mysql, connections);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(() => {
    statements.length = 0;
  });

  it('answer rows, affected rows and insert ids as TypeORM did', async () => {
    const first = await sut.runForInsertId('INSERT INTO notes (body) VALUES (?)', ['a']);
    const second = await sut.runForInsertId('INSERT INTO notes (body) VALUES (?)', ['b']);
    expect(second).toBe(first + 1);
    expect(
      await sut.run('UPDATE notes SET body = CONCAT(body, ?) WHERE id IN (?, ?)', ['x', first, second]),
    ).toBe(2);
    expect(await sut.run('UPDATE notes SET body = ? WHERE id = ?', ['none', -1])).toBe(0);
    expect(await sut.rows('SELECT id, body FROM notes WHERE id >= ? ORDER BY id', [first])).toEqual([
      { id: first, body: 'ax' },
      { id: second, body: 'bx' },
    ]);
    expect(await sut.rows('SELECT body FROM notes WHERE id = ?', [-1])).toEqual([]);
    expect(await sut.rows('UPDATE notes SET body = body WHERE id = ?', [-1])).toEqual([]);
  });

  it('report every statement to the query logger, START TRANSACTION and COMMIT included', async () => {
    await sut.rows('SELECT 1 AS one', []);
    await sut.atomic(async (sql) => {
      await sql.run('UPDATE notes SET body = body WHERE id = ?', [-1]);
    });
    const ours = statements.filter((sql) => !/ISOLATION LEVEL/i.test(sql));
    expect(ours).toEqual([
      'SELECT 1 AS one',
      'START TRANSACTION',
      'UPDATE notes SET body = body WHERE id = ?',
      'COMMIT',
    ]);
  });

  it('translate driver failures: a duplicate is a CONFLICT, a value too long BAD_USER_INPUT', async () => {
    await sut.run('INSERT INTO notes (body) VALUES (?)', ['dup']);
    const duplicate = await sut.run('INSERT INTO notes (body) VALUES (?)', ['dup']).catch((e: unknown) => e);
    expect(isDomainError(duplicate) && duplicate.code).toBe('CONFLICT');
    const tooLong = await sut
      .atomic((sql) => sql.run('INSERT INTO notes (body) VALUES (?)', ['much too long']))
      .catch((e: unknown) => e);
    expect(isDomainError(tooLong) && tooLong.code).toBe('BAD_USER_INPUT');
    const broken = await sut.rows('SELECT nothing FROM nowhere', []).catch((e: unknown) => e);
    expect(isDomainError(broken) && broken.code).toBe('INTERNAL');
  });

  it('run prepared statements as statements: affected rows, logged, failures translated, bytes stored as text', async () => {
    const insert = 'INSERT INTO notes (body) VALUES (?), (?)';
    expect(await sut.runPrepared(insert, ['p1', Buffer.from("p'é\\")])).toBe(2);
    expect(await sut.runPrepared(insert, ['p3', Buffer.from('p\u0000🚀')])).toBe(2);
    expect(statements).toEqual([insert, insert]);
    // Read back by id: the table's collation (utf8mb4_unicode_ci) ignores NUL in comparisons.
    const bodies = await sut.rows<{ body: string }>('SELECT body FROM notes ORDER BY id', []);
    expect(bodies.map((row) => row.body).filter((body) => body.startsWith('p'))).toEqual([
      'p1',
      "p'é\\",
      'p3',
      'p\u0000🚀',
    ]);
    const duplicate = await sut.runPrepared(insert, ['p1', 'p5']).catch((e: unknown) => e);
    expect(isDomainError(duplicate) && duplicate.code).toBe('CONFLICT');
    const broken = await sut.runPrepared('INSERT INTO nowhere VALUES (?)', [1]).catch((e: unknown) => e);
    expect(isDomainError(broken) && broken.code).toBe('INTERNAL');
    expect(
      await sut.atomic((sql) => sql.runPrepared('UPDATE notes SET body = ? WHERE body = ?', ['p6', 'p3'])),
    ).toBe(1);
  });

  it('roll back a failed transaction, and give its connection back usable', async () => {
    const failure = await sut
      .atomic(async (sql) => {
        await sql.run('INSERT INTO notes (body) VALUES (?)', ['gone']);
        await sql.run('INSERT INTO notes (body) VALUES (?)', ['gone']);
      })
      .catch((e: unknown) => e);
    expect(isDomainError(failure) && failure.code).toBe('CONFLICT');
    expect(statements).toContain('ROLLBACK');
    expect(await sut.rows('SELECT id FROM notes WHERE body = ?', ['gone'])).toEqual([]);
  });

  it("refuse a statement on a transaction's connection once the transaction is over", async () => {
    let leaked: Sql | undefined;
    await sut.atomic(async (sql) => {
      leaked = sql;
    });
    const late = await leaked!.run('INSERT INTO notes (body) VALUES (?)', ['late']).catch((e: unknown) => e);
    expect(isDomainError(late) && late.code).toBe('INTERNAL');
    const latePrepared = await leaked!
      .runPrepared('INSERT INTO notes (body) VALUES (?)', ['late'])
      .catch((e: unknown) => e);
    expect(isDomainError(latePrepared) && latePrepared.code).toBe('INTERNAL');
    expect(await sut.rows('SELECT id FROM notes WHERE body = ?', ['late'])).toEqual([]);
  });

  it('fail as UNAVAILABLE once the pool is closed', async () => {
    const closing = new DataSource(dataSourceOptions(database.url));
    await closing.initialize();
    const closed = new AutoCommitSql(dialects.mysql, new PoolConnections(closing, dialects.mysql));
    await closing.destroy();
    const failure = await closed.rows('SELECT 1', []).catch((e: unknown) => e);
    expect(isDomainError(failure) && failure.code).toBe('UNAVAILABLE');
  });
});
