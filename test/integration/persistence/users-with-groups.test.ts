import type { ResolvedFilter } from '../../../src/domain/filter/filter';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import type { UserGroupMembership } from '../../../src/domain/groups/group';
import type { MemberRef } from '../../../src/domain/groups/group.repository';
import type { PageRequest } from '../../../src/domain/shared/page';
import { USER_ATTRIBUTES } from '../../../src/domain/users/user-attributes';
import { groupRow, insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore, selects } from '../../fixtures/test-store';

const ADDED_AT = new Date('2026-01-02T03:04:05Z');

/**
 * Users read with their groups in one statement answer exactly what the user read and the
 * separate membership walk (`groupsOfUsers`) answer: the same records, the same page (cursors,
 * hasNextPage, knownTotal), the same groups in the same order — nested groups and a cycle included.
 */
describe('users read with their groups', () => {
  let t: TestStore;
  const org = organizationRecord();
  const otherOrg = organizationRecord();
  const userIds: string[] = [];

  const repos = () => t.store.repositories;
  const refs = (rows: readonly { id: string }[], type: 'User' | 'Group' = 'User'): MemberRef[] =>
    rows.map((r) => ({ id: r.id, type }));
  const add = (group: { id: string }, members: MemberRef[]) =>
    repos().memberships.add(org.id, group.id, members, ADDED_AT);

  beforeAll(async () => {
    t = await createTestStore();
    await repos().organizations.insert(org);
    await repos().organizations.insert(otherOrg);
    // u0 is in no group; u5 is in a group of the other organization only.
    const users = await insertUsers(
      t.store,
      Array.from({ length: 6 }, (_, i) =>
        userRow(org.id, {
          userName: `u${i}@example.com`,
          title: i % 2 === 0 ? null : `T${i % 3}`,
          emails:
            i % 3 === 0 ? [] : [{ value: `e${9 - i}@example.com`, display: null, type: null, primary: true }],
        }),
      ),
    );
    userIds.push(...users.map((u) => u.id));
    const [a, b, c, cycleX, cycleY, empty] = ['A', 'B', 'C', 'X', 'Y', 'Empty'].map((name) =>
      groupRow(org.id, name),
    );
    const foreign = groupRow(otherOrg.id, 'Foreign');
    await t.store.transaction(async (tx) => {
      for (const row of [a, b, c, cycleX, cycleY, empty, foreign]) await tx.groups.insert(row);
    });
    const [, u1, u2, u3, u4, u5] = users;
    // A ⊂ B ⊂ C, u1 in A and (directly) in C; u2 in B.
    await add(a, refs([u1]));
    await add(b, [...refs([a], 'Group'), ...refs([u2])]);
    await add(c, [...refs([b], 'Group'), ...refs([u1])]);
    // X and Y contain each other (a cycle the API refuses, written here directly); u3 in X, u4 in both.
    await add(cycleX, [...refs([cycleY], 'Group'), ...refs([u3, u4])]);
    await add(cycleY, [...refs([cycleX], 'Group'), ...refs([u4])]);
    await repos().memberships.add(otherOrg.id, foreign.id, refs([u5]), ADDED_AT);
  });

  afterAll(() => t?.close());

  const separately = async (ids: readonly string[]) => {
    const all = await repos().memberships.groupsOfUsers(org.id, ids);
    return new Map(ids.map((id) => [id, all.filter((m) => m.userId === id)]));
  };
  const summary = (groups: readonly UserGroupMembership[] | undefined) =>
    groups?.map((m) => `${m.group.displayName}${m.direct ? '' : ' (nested)'}`);

  it('reads a user and its groups, direct and nested, in one statement', async () => {
    for (const id of userIds) {
      t.statements.length = 0;
      const read = await repos().users.findByIdWithGroups(org.id, id);
      expect(selects(t.statements)).toHaveLength(1);
      expect(t.statements).toHaveLength(1);
      expect(read.value).toEqual(await repos().users.findById(org.id, id));
      expect([...read.groupsOf.keys()]).toEqual([id]);
      expect(read.groupsOf.get(id)).toEqual((await separately([id])).get(id));
    }
    const [u0, u1, u2, u3, u4, u5] = userIds;
    const groupsOf = async (id: string) =>
      summary((await repos().users.findByIdWithGroups(org.id, id)).groupsOf.get(id))?.sort();
    expect(await groupsOf(u0)).toEqual([]);
    expect(await groupsOf(u1)).toEqual(['A', 'B (nested)', 'C']);
    expect(await groupsOf(u2)).toEqual(['B', 'C (nested)']);
    expect(await groupsOf(u3)).toEqual(['X', 'Y (nested)']);
    expect(await groupsOf(u4)).toEqual(['X', 'Y']);
    expect(await groupsOf(u5)).toEqual([]);
  });

  it('answers null, with no groups, for a user of another organization or none', async () => {
    for (const [organizationId, id] of [
      [otherOrg.id, userIds[1]],
      [org.id, '01890000-0000-7000-8000-000000000000'],
    ]) {
      const read = await repos().users.findByIdWithGroups(organizationId, id);
      expect(read.value).toBeNull();
      expect(read.groupsOf.size).toBe(0);
    }
  });

  const titled = resolveFilter({ kind: 'condition', attribute: 'title', op: 'pr' }, USER_ATTRIBUTES);
  const pages: [string, PageRequest, ResolvedFilter | null][] = [
    ['the first page by id', { first: 4 }, null],
    ['a page that ends the list', { first: 10 }, null],
    ['an offset', { first: 2, offset: 3 }, null],
    ['an offset past the end', { first: 2, offset: 30 }, null],
    ['userName descending', { first: 4, orderBy: { attribute: 'userName', direction: 'DESC' } }, null],
    ['a nullable attribute', { first: 3, orderBy: { attribute: 'title', direction: 'ASC' } }, null],
    [
      'a nullable attribute descending',
      { first: 5, orderBy: { attribute: 'title', direction: 'DESC' } },
      null,
    ],
    ['the primary email', { first: 3, orderBy: { attribute: 'emails.value', direction: 'ASC' } }, null],
    ['a filter', { first: 2 }, titled],
    ['no rows', { first: 0 }, null],
  ];

  it.each(pages)(
    'pages as the plain read does, with every user’s groups: %s',
    async (_name, request, filter) => {
      for (let page: PageRequest | null = request, n = 0; page && n < 10; n++) {
        const plain = await repos().users.findPage(org.id, filter, page);
        t.statements.length = 0;
        const read = await repos().users.findPageWithGroups(org.id, filter, page);
        expect(t.statements).toHaveLength(1);
        const { value } = read;
        expect(value.items.map((i) => i.node)).toEqual(plain.items.map((i) => i.node));
        expect(value.items.map((i) => i.cursor)).toEqual(plain.items.map((i) => i.cursor));
        expect([value.hasNextPage, value.hasPreviousPage, value.knownTotal]).toEqual([
          plain.hasNextPage,
          plain.hasPreviousPage,
          plain.knownTotal,
        ]);
        const ids = value.items.map((i) => i.node.id);
        const expected = await separately(ids);
        for (const id of ids) expect(read.groupsOf.get(id)).toEqual(expected.get(id));
        const last = value.items.at(-1);
        page = value.hasNextPage && last ? { ...request, offset: null, after: last.cursor } : null;
      }
    },
  );
});
