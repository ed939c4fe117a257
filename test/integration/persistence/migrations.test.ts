import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { dataSourceOptions } from '../../../ormconfig';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';

describe('migrations', () => {
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

  it('leave no difference between the entities and the migrated schema', async () => {
    const diff = await sut.driver.createSchemaBuilder().log();

    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('record every migration as applied', async () => {
    expect(await sut.showMigrations()).toBe(false);
  });

  it('revert to an empty schema and apply again', async () => {
    for (let applied = MIGRATIONS.length; applied > 0; applied--) await sut.undoLastMigration();
    const queryRunner = sut.createQueryRunner();
    const remaining = [];
    for (const entity of sut.entityMetadatas) {
      if (await queryRunner.hasTable(entity.tableName)) remaining.push(entity.tableName);
    }
    await queryRunner.release();
    expect(remaining).toEqual([]);

    await sut.runMigrations();
    expect((await sut.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
