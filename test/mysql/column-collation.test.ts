import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/** MariaDB's default collations ignore case; the migration must make every text column exact. */
describe('migrated schema on MariaDB', () => {
  let db: TestDatabase;
  let sut: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    sut = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    if (sut?.isInitialized) await sut.destroy();
    await db?.drop();
  });

  it('makes every textual column compare exactly (utf8mb4_bin)', async () => {
    const rows: { name: string; collation: string }[] = await sut.query(
      `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS name, COLLATION_NAME AS collation
         FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL AND TABLE_NAME <> 'migrations'`,
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.collation !== 'utf8mb4_bin')).toEqual([]);
  });
});
