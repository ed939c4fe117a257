import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

/**
 * Galera replicates row events by primary key (a table without one is replicated by full scans, and
 * concurrent writes to it are not certified safely), and neither LOCK TABLES nor GET_LOCK holds
 * across nodes: the schema and the SQL must rely on neither.
 */
describe('schema and SQL fit a multi-primary Galera cluster', () => {
  let db: TestDatabase;
  let sut: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    sut = await new DataSource(dataSourceOptions(db.url)).initialize();
    await sut.runMigrations();
  });
  afterAll(async () => {
    if (sut?.isInitialized) await sut.destroy();
    await db?.drop();
  });

  it('gives every migrated table a primary key', async () => {
    const tables: { name: string; primaryKey: number }[] = await sut.query(
      `SELECT t.TABLE_NAME AS name,
              (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS c
                WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                  AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS primaryKey
         FROM information_schema.TABLES t
        WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.filter((table) => Number(table.primaryKey) !== 1).map((table) => table.name)).toEqual([]);
  });

  it('never takes table locks or named locks in the service or its migrations', () => {
    const root = join(__dirname, '..', '..');
    const offenders = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'migrations'))].filter(
      (file) => /\bLOCK\s+TABLES?\b|\bGET_LOCK\s*\(/i.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
