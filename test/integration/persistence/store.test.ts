import { DomainError } from '../../../src/errors';
import { createStore } from '../../../src/persistence/typeorm-store';
import { auditEvent, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';

describe('store', () => {
  let t: TestStore;
  const org = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
  });

  afterAll(() => t?.close());

  it('commits every write of a transaction together', async () => {
    const user = userRow(org.id);
    const event = auditEvent(org.id, { targetId: user.id });

    await t.store.transaction(async (tx) => {
      await tx.users.insert(user);
      await tx.audit.insert(event);
    });

    expect(await t.store.repositories.users.findById(org.id, user.id)).not.toBeNull();
    const audit = await t.store.repositories.audit.findPage(org.id, { targetId: user.id }, { first: 5 });
    expect(audit.items.map((i) => i.node.id)).toEqual([event.id]);
  });

  it('rolls every write back when the work fails, and rethrows its error', async () => {
    const user = userRow(org.id);
    const failure = new DomainError('VERSION_CONFLICT', 'changed meanwhile');

    await expect(
      t.store.transaction(async (tx) => {
        await tx.users.insert(user);
        await tx.audit.insert(auditEvent(org.id, { targetId: user.id }));
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await t.store.repositories.users.findById(org.id, user.id)).toBeNull();
    expect(
      (await t.store.repositories.audit.findPage(org.id, { targetId: user.id }, { first: 5 })).items,
    ).toEqual([]);
  });

  it('runs many concurrent transactions without interleaving them', async () => {
    const rows = Array.from({ length: 20 }, () => userRow(org.id));

    await Promise.all(
      rows.map((row) =>
        t.store.transaction(async (tx) => {
          await tx.users.insert(row);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.audit.insert(auditEvent(org.id, { targetId: row.id }));
        }),
      ),
    );

    expect(
      await t.store.repositories.users.findByIds(
        org.id,
        rows.map((r) => r.id),
      ),
    ).toHaveLength(20);
  });

  it("never shows a read another transaction's uncommitted rows", async () => {
    const user = userRow(org.id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));

    const writer = t.store.transaction(async (tx) => {
      await tx.users.insert(user);
      inserted();
      await gate;
      throw new DomainError('CONFLICT', 'abandon');
    });
    await insertedSignal;
    const reader = t.store.repositories.users.findById(org.id, user.id);
    release();

    await expect(writer).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await reader).toBeNull();
  });

  it('answers ping', async () => {
    await expect(t.store.ping()).resolves.toBeUndefined();
  });

  it('fails fast with UNAVAILABLE naming the refused address when the database cannot be reached', async () => {
    const started = Date.now();

    await expect(createStore({ databaseUrl: 'mysql://root@127.0.0.1:1/identity' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('database at 127.0.0.1:1: connection refused'),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports UNAVAILABLE once closed', async () => {
    const other = await createTestStore();
    await other.store.close();

    await expect(other.store.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(other.store.repositories.organizations.count()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await other.database.drop();
  });
});
