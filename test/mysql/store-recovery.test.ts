import { createStore } from '../../src/persistence/typeorm-store';
import { organizationRecord } from '../fixtures/persistence-records';
import { TcpProxy } from '../fixtures/tcp-proxy';
import type { TestStore } from '../fixtures/test-store';
import { createTestStore } from '../fixtures/test-store';

/** Runs only against MariaDB: SQLite is in-process and cannot go away. */
describe('store on a database that goes away', () => {
  let t: TestStore;
  const org = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
  });
  afterAll(() => t?.close());

  it('recovers by itself when the database comes back', async () => {
    const target = new URL(t.database.url);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    target.port = String(await proxy.start());
    // mysql2 leaves a query's timeout timer running when its connection dies; off here so jest can exit.
    target.searchParams.set('queryTimeout', '0');
    const sut = await createStore({ databaseUrl: target.toString() });
    try {
      await sut.ping();

      await proxy.cut();
      await expect(sut.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(sut.repositories.organizations.findById(org.id)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
      });

      await proxy.restore();
      await eventually(() => sut.ping());
      expect(await sut.repositories.organizations.findById(org.id)).toMatchObject({ slug: org.slug });
    } finally {
      await sut.close();
      await proxy.cut();
    }
  });
});

async function eventually(check: () => Promise<unknown>, attempts = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await check();
      return;
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
