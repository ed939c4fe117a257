import type { Page, PageRequest } from '../../../src/domain/shared/page';
import type { ExtensionValues, UserRecord } from '../../../src/domain/users/user';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { USER_ATTRIBUTES } from '../../../src/domain/users/user-attributes';
import { insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';

describe('user paging and sorting', () => {
  let t: TestStore;
  const org = organizationRecord();
  const start = Date.parse('2024-01-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
  });

  afterAll(() => t?.close());

  /** A fresh organization per test keeps the data each test pages through its own. */
  async function seed(count: number, input: (i: number) => Parameters<typeof userRow>[1] = () => ({})) {
    const organization = organizationRecord();
    await t.store.repositories.organizations.insert(organization);
    const rows = Array.from({ length: count }, (_, i) =>
      userRow(
        organization.id,
        { userName: `user-${String(i).padStart(3, '0')}`, ...input(i) },
        { createdAt: new Date(start + i * 1000) },
      ),
    );
    await insertUsers(t.store, rows);
    return { organizationId: organization.id, rows };
  }

  const page = (organizationId: string, request: PageRequest): Promise<Page<UserRecord>> =>
    t.store.repositories.users.findPage(organizationId, null, request);

  async function walk(organizationId: string, request: Omit<PageRequest, 'after'>): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const result: Page<UserRecord> = await page(organizationId, { ...request, after });
      names.push(...result.items.map((item) => item.node.userName));
      if (!result.hasNextPage) return names;
      after = result.items[result.items.length - 1].cursor;
    }
    throw new Error('paging did not end');
  }

  it('pages by id (creation order) with cursors, reporting previous and next pages', async () => {
    const { organizationId, rows } = await seed(25);

    const first = await page(organizationId, { first: 10 });
    const second = await page(organizationId, { first: 10, after: first.items[9].cursor });
    const third = await page(organizationId, { first: 10, after: second.items[9].cursor });

    expect([first, second, third].flatMap((p) => p.items.map((i) => i.node.id))).toEqual(
      rows.map((r) => r.id),
    );
    expect([first.hasPreviousPage, first.hasNextPage]).toEqual([false, true]);
    expect([second.hasPreviousPage, second.hasNextPage]).toEqual([true, true]);
    expect([third.items.length, third.hasPreviousPage, third.hasNextPage]).toEqual([5, true, false]);
  });

  it('continues a keyset page exactly after the cursor while rows are inserted and deleted', async () => {
    const { organizationId, rows } = await seed(20);
    const first = await page(organizationId, {
      first: 5,
      orderBy: { attribute: 'meta.created', direction: 'ASC' },
    });

    // Concurrent changes: delete a row already seen and one not yet seen; insert one before and one after the cursor.
    await t.store.repositories.users.delete(organizationId, rows[2].id);
    await t.store.repositories.users.delete(organizationId, rows[7].id);
    const early = userRow(organizationId, { userName: 'early' }, { createdAt: new Date(start - 1000) });
    const late = userRow(organizationId, { userName: 'late' }, { createdAt: new Date(start + 999_000) });
    await insertUsers(t.store, [early, late]);

    const rest = await page(organizationId, {
      first: 100,
      after: first.items[4].cursor,
      orderBy: { attribute: 'meta.created', direction: 'ASC' },
    });

    const expected = rows
      .slice(5)
      .filter((r) => r.id !== rows[7].id)
      .map((r) => r.userName)
      .concat('late');
    expect(rest.items.map((i) => i.node.userName)).toEqual(expected);
  });

  it('pages with an offset (SCIM startIndex)', async () => {
    const { organizationId, rows } = await seed(25);

    const result = await page(organizationId, { first: 10, offset: 20 });

    expect(result.items.map((i) => i.node.id)).toEqual(rows.slice(20).map((r) => r.id));
    expect([result.hasPreviousPage, result.hasNextPage]).toEqual([true, false]);
  });

  it('sorts by userName ignoring case, both directions', async () => {
    const { organizationId } = await seed(4, (i) => ({ userName: ['bob', 'Alice', 'carol', 'Dave'][i] }));

    expect(
      await walk(organizationId, { first: 2, orderBy: { attribute: 'userName', direction: 'ASC' } }),
    ).toEqual(['Alice', 'bob', 'carol', 'Dave']);
    expect(
      await walk(organizationId, { first: 3, orderBy: { attribute: 'userName', direction: 'DESC' } }),
    ).toEqual(['Dave', 'carol', 'bob', 'Alice']);
  });

  it('sorts users without the attribute last ascending and first descending, across page boundaries', async () => {
    const titles = ['b', null, 'a', null, 'c', 'a', null];
    const { organizationId, rows } = await seed(titles.length, (i) => ({ title: titles[i] }));
    const byTitleThenId = (direction: 1 | -1) =>
      [...rows]
        .sort((x, y) => {
          if (x.title === y.title) return direction * (x.id < y.id ? -1 : 1);
          if (x.title === null) return direction;
          if (y.title === null) return -direction;
          return direction * (x.title < y.title ? -1 : 1);
        })
        .map((r) => r.userName);

    for (const size of [1, 2, 3, 10]) {
      expect(
        await walk(organizationId, { first: size, orderBy: { attribute: 'title', direction: 'ASC' } }),
      ).toEqual(byTitleThenId(1));
      expect(
        await walk(organizationId, { first: size, orderBy: { attribute: 'title', direction: 'DESC' } }),
      ).toEqual(byTitleThenId(-1));
    }
  });

  it('sorts by the primary (or first) email, users without email last', async () => {
    const email = (value: string, primary = false) => ({ value, type: null, primary, display: null });
    const emails = [
      [email('zed@example.com'), email('Ann@example.com', true)],
      [],
      [email('Bea@example.com'), email('aaa@example.com')],
      [email('carl@example.com')],
    ];
    const { organizationId } = await seed(emails.length, (i) => ({ emails: emails[i] }));

    expect(
      await walk(organizationId, { first: 1, orderBy: { attribute: 'emails.value', direction: 'ASC' } }),
    ).toEqual(['user-000', 'user-002', 'user-003', 'user-001']);
  });

  it('sorts by meta.created descending', async () => {
    const { organizationId, rows } = await seed(5);

    expect(
      await walk(organizationId, { first: 2, orderBy: { attribute: 'meta.created', direction: 'DESC' } }),
    ).toEqual(rows.map((r) => r.userName).reverse());
  });

  it('sorts by an extension attribute, users without it last', async () => {
    const schema = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
    const badges = ['b', null, 'A', 'c'];
    const { organizationId } = await seed(badges.length, (i) => ({
      extensions: (badges[i] === null ? {} : { [schema]: { badge: badges[i] } }) as ExtensionValues,
    }));

    expect(
      await walk(organizationId, { first: 1, orderBy: { attribute: `${schema}:badge`, direction: 'ASC' } }),
    ).toEqual(['user-002', 'user-000', 'user-003', 'user-001']);
  });

  it('counts with the same filter as the page', async () => {
    const { organizationId } = await seed(6, (i) => ({ active: i % 2 === 0 }));
    const filter = resolveFilter(
      { kind: 'condition', attribute: 'active', op: 'eq', value: true },
      USER_ATTRIBUTES,
    );

    expect(await t.store.repositories.users.count(organizationId, filter)).toBe(3);
    expect(await t.store.repositories.users.count(organizationId, null)).toBe(6);
  });

  it('rejects a cursor that is not ours as BAD_USER_INPUT on after', async () => {
    for (const after of ['nonsense', Buffer.from('[1,2]').toString('base64url'), 'x'.repeat(5000), '%%%']) {
      await expect(page(org.id, { first: 5, after })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'after' },
      });
    }
  });

  it('rejects a cursor made for another ordering', async () => {
    const { organizationId } = await seed(3);
    const byName = await page(organizationId, {
      first: 1,
      orderBy: { attribute: 'userName', direction: 'ASC' },
    });

    await expect(page(organizationId, { first: 1, after: byName.items[0].cursor })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'after' },
    });
  });

  it('returns an empty page with hasNextPage when asked for zero items', async () => {
    const { organizationId } = await seed(2);

    expect(await page(organizationId, { first: 0 })).toEqual({
      items: [],
      hasNextPage: true,
      hasPreviousPage: false,
      knownTotal: null,
    });
    expect(await page(uuidV7(), { first: 10 })).toEqual({
      items: [],
      hasNextPage: false,
      hasPreviousPage: false,
      knownTotal: 0,
    });
  });

  it('tells the total when the page ends the list, so the count query can be skipped', async () => {
    const { organizationId } = await seed(5);

    expect((await page(organizationId, { first: 10 })).knownTotal).toBe(5);
    expect((await page(organizationId, { first: 10, offset: 3 })).knownTotal).toBe(5);
    expect((await page(organizationId, { first: 2, offset: 3 })).knownTotal).toBe(5);
    // Not the end of the list, past the end, or after a cursor: the page cannot tell.
    expect((await page(organizationId, { first: 2 })).knownTotal).toBeNull();
    expect((await page(organizationId, { first: 10, offset: 7 })).knownTotal).toBeNull();
    const first = await page(organizationId, { first: 2 });
    expect((await page(organizationId, { first: 10, after: first.items[1].cursor })).knownTotal).toBeNull();
  });
});
