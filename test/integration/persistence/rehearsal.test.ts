import { DomainError } from '../../../src/errors';
import { auditEvent, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';

/** A rehearsal (a dry-run request) as the store runs it: one transaction, savepoints, a rollback. */
describe('store rehearsal', () => {
  let t: TestStore;
  const org = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
  });
  afterAll(() => t?.close());

  const findUser = (id: string) => t.store.repositories.users.findById(org.id, id);

  it('lets later steps read earlier would-be writes, rolls a failed step back alone, and commits nothing', async () => {
    const kept = userRow(org.id);
    const failed = userRow(org.id);
    const keptEvent = auditEvent(org.id, { targetId: kept.id });

    const { seen, failedSeen, captured } = await t.store.rehearse(async (rehearsal) => {
      await rehearsal.begin();
      await t.store.transaction(async (tx) => {
        await tx.users.insert(kept);
        await tx.audit.insert(keptEvent);
      });
      await expect(
        t.store.transaction(async (tx) => {
          await tx.users.insert(failed);
          await tx.audit.insert(auditEvent(org.id, { targetId: failed.id }));
          throw new DomainError('VERSION_CONFLICT', 'changed meanwhile');
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      const result = { seen: await findUser(kept.id), failedSeen: await findUser(failed.id) };
      return { ...result, captured: await rehearsal.end() };
    });

    expect(seen?.id).toBe(kept.id);
    expect(failedSeen).toBeNull();
    expect(captured.map((e) => e.id)).toEqual([keptEvent.id]);
    expect(await findUser(kept.id)).toBeNull();
    expect(
      (await t.store.repositories.audit.findPage(org.id, { targetId: kept.id }, { first: 5 })).items,
    ).toEqual([]);
  });

  it('refuses any use of the store in the scope once rolled back, rather than committing it', async () => {
    const late = userRow(org.id);
    await t.store.rehearse(async (rehearsal) => {
      await rehearsal.begin();
      await rehearsal.end();
      await expect(t.store.transaction((tx) => tx.users.insert(late))).rejects.toMatchObject({
        code: 'UNAVAILABLE',
      });
      await expect(findUser(late.id)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    });
    expect(await findUser(late.id)).toBeNull();
  });

  it('changes nothing until it begins: writes before `begin` commit as usual', async () => {
    const before = userRow(org.id);
    const captured = await t.store.rehearse(async (rehearsal) => {
      await t.store.transaction((tx) => tx.users.insert(before));
      return rehearsal.end();
    });
    expect(captured).toEqual([]);
    expect((await findUser(before.id))?.id).toBe(before.id);
  });

  it('keeps other requests apart: their writes commit while a rehearsal runs', async () => {
    const rehearsed = userRow(org.id);
    const other = userRow(org.id);
    let written!: () => void;
    const rehearsalWrote = new Promise<void>((resolve) => (written = resolve));
    const rehearsing = t.store.rehearse(async (rehearsal) => {
      await rehearsal.begin();
      await t.store.transaction((tx) => tx.users.insert(rehearsed));
      written();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await rehearsal.end();
    });
    await rehearsalWrote;
    // Another request (outside the rehearsal's scope): on SQLite it waits for the rollback, then commits.
    await Promise.all([rehearsing, t.store.transaction((tx) => tx.users.insert(other))]);

    expect(await findUser(rehearsed.id)).toBeNull();
    expect((await findUser(other.id))?.id).toBe(other.id);
  });
});
