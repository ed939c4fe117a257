import type { MemberRef } from '../../../src/domain/groups/group.repository';
import { GROUP_ATTRIBUTES } from '../../../src/domain/groups/group-attributes';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { caseKey } from '../../../src/domain/shared/text';
import { groupRow, insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore, statementsOn } from '../../fixtures/test-store';

const ADDED_AT = new Date('2026-01-02T03:04:05Z');

describe('groups and memberships', () => {
  let t: TestStore;
  const org = organizationRecord();
  const otherOrg = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
    await t.store.repositories.organizations.insert(otherOrg);
  });

  afterAll(() => t?.close());

  const repos = () => t.store.repositories;
  const users = (n: number, organizationId = org.id) =>
    insertUsers(
      t.store,
      Array.from({ length: n }, (_, i) =>
        userRow(organizationId, { displayName: i === 0 ? null : `User ${i}` }),
      ),
    );
  async function groups(...names: string[]) {
    const rows = names.map((name) => groupRow(org.id, name));
    await t.store.transaction(async (tx) => {
      for (const row of rows) await tx.groups.insert(row);
    });
    return rows;
  }
  const refs = (rows: readonly { id: string }[], type: 'User' | 'Group' = 'User'): MemberRef[] =>
    rows.map((r) => ({ id: r.id, type }));

  it('updates a group only at the expected version, and touch bumps the version', async () => {
    const [group] = await groups('Before');
    const renamed = {
      ...group,
      displayName: 'After',
      displayNameKey: caseKey('After'),
      version: 2,
      updatedAt: new Date(),
    };

    expect(await repos().groups.update(renamed, 1)).toBe(true);
    expect(await repos().groups.update({ ...renamed, displayName: 'Lost' }, 1)).toBe(false);

    expect(await repos().groups.findById(org.id, group.id)).toMatchObject({
      displayName: 'After',
      version: 2,
    });
  });

  it('adds members as a set: existing members are not added or counted twice', async () => {
    const [group] = await groups('Set');
    const [a, b, c] = await users(3);

    expect(await repos().memberships.add(org.id, group.id, refs([a, b]), ADDED_AT)).toBe(2);
    expect(await repos().memberships.add(org.id, group.id, refs([a, b, c]), ADDED_AT)).toBe(1);
    expect(await repos().memberships.add(org.id, group.id, refs([a]), ADDED_AT)).toBe(0);

    expect(await repos().memberships.count(org.id, group.id)).toBe(3);
    expect((await repos().memberships.memberIds(org.id, group.id)).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('removes listed members, and removing an absent member is not an error', async () => {
    const [group] = await groups('Remove');
    const [a, b] = await users(2);
    await repos().memberships.add(org.id, group.id, refs([a, b]), ADDED_AT);

    expect(await repos().memberships.remove(org.id, group.id, [a.id, uuidV7()])).toBe(1);
    expect(await repos().memberships.remove(org.id, group.id, [a.id])).toBe(0);
    expect(await repos().memberships.memberIds(org.id, group.id)).toEqual([b.id]);
    expect(await repos().memberships.removeAll(org.id, group.id)).toBe(1);
  });

  it('adds one member to a large group with a single INSERT, and chunks large additions', async () => {
    const [group] = await groups('Large');
    const many = Array.from({ length: 2500 }, () => ({ id: uuidV7(), type: 'User' as const }));

    t.statements.length = 0;
    expect(await t.store.transaction((tx) => tx.memberships.add(org.id, group.id, many, ADDED_AT))).toBe(
      2500,
    );
    expect(statementsOn(t.statements, 'group_members')).toHaveLength(3);

    const [newcomer] = await users(1);
    t.statements.length = 0;
    expect(
      await t.store.transaction((tx) => tx.memberships.add(org.id, group.id, refs([newcomer]), ADDED_AT)),
    ).toBe(1);
    expect(statementsOn(t.statements, 'group_members')).toEqual([
      expect.stringMatching(/^INSERT (OR )?IGNORE INTO/),
    ]);
  });

  it('lets concurrent transactions that lock one group add different members and bump its version', async () => {
    const [group] = await groups('Busy');
    const members = await users(8);

    await Promise.all(
      members.map((member) =>
        t.store.transaction(async (tx) => {
          const current = (await tx.groups.findForUpdate(org.id, group.id))!;
          await tx.memberships.add(org.id, group.id, refs([member]), ADDED_AT);
          const row = {
            ...current,
            displayNameKey: caseKey(current.displayName),
            version: current.version + 1,
          };
          expect(await tx.groups.update(row, current.version)).toBe(true);
        }),
      ),
    );

    expect(await repos().memberships.count(org.id, group.id)).toBe(8);
    expect(await repos().groups.findById(org.id, group.id)).toMatchObject({ version: 9 });
  });

  it('adds the users among ids in one statement, skipping groups, members, foreign and unknown ids', async () => {
    const [group, nested] = await groups('Users only', 'Nested');
    const [present, a, b] = await users(3);
    const [foreign] = await users(1, otherOrg.id);
    await repos().memberships.add(org.id, group.id, refs([present]), ADDED_AT);

    t.statements.length = 0;
    const added = await t.store.transaction((tx) =>
      tx.memberships.addUsers(
        org.id,
        group.id,
        [present.id, a.id, b.id, nested.id, foreign.id, uuidV7()],
        ADDED_AT,
      ),
    );

    expect(added).toBe(2);
    expect(statementsOn(t.statements, 'group_members')).toEqual([
      expect.stringMatching(/^INSERT (OR )?IGNORE INTO/),
    ]);
    expect((await repos().memberships.memberIds(org.id, group.id)).sort()).toEqual(
      [present.id, a.id, b.id].sort(),
    );
    const page = await repos().memberships.findPage(org.id, group.id, { first: 10 });
    expect(page.items.map((item) => item.node.memberType)).toEqual(['User', 'User', 'User']);
  });

  it('classifies ids as users or groups of the organization in one query', async () => {
    const [group] = await groups('Classified');
    const [user] = await users(1);
    const [foreign] = await users(1, otherOrg.id);

    t.statements.length = 0;
    const kinds = await repos().memberships.classify(org.id, [user.id, group.id, foreign.id, uuidV7()]);

    expect([...kinds.entries()].sort()).toEqual(
      [
        [user.id, 'User'],
        [group.id, 'Group'],
      ].sort(),
    );
    expect(t.statements).toHaveLength(1);
  });

  it('lists the groups of users, direct and nested, in one query', async () => {
    const [a, b, c, lonely] = await groups('A', 'B', 'C', 'Lonely');
    const [u1, u2, u3] = await users(3);
    await repos().memberships.add(org.id, a.id, refs([u1]), ADDED_AT);
    await repos().memberships.add(org.id, b.id, [...refs([a], 'Group'), ...refs([u2])], ADDED_AT);
    await repos().memberships.add(org.id, c.id, [...refs([b], 'Group'), ...refs([u1])], ADDED_AT);
    await repos().memberships.add(org.id, lonely.id, refs([u3]), ADDED_AT);

    t.statements.length = 0;
    const memberships = await repos().memberships.groupsOfUsers(org.id, [u1.id, u2.id]);

    expect(t.statements).toHaveLength(1);
    const summary = memberships
      .map((m) => [m.userId === u1.id ? 'u1' : 'u2', m.group.displayName, m.direct])
      .sort();
    expect(summary).toEqual(
      [
        ['u1', 'A', true],
        ['u1', 'B', false],
        ['u1', 'C', true],
        ['u2', 'B', true],
        ['u2', 'C', false],
      ].sort(),
    );
    expect((await repos().memberships.ancestorsOf(org.id, a.id)).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await repos().memberships.ancestorsOf(org.id, c.id)).toEqual([c.id]);
  });

  it("pages members by id with each member's display name", async () => {
    const [group, child] = await groups('Parent', 'Child Group');
    const members = await users(3);
    await repos().memberships.add(org.id, group.id, [...refs(members), ...refs([child], 'Group')], ADDED_AT);

    const first = await repos().memberships.findPage(org.id, group.id, { first: 2 });
    const rest = await repos().memberships.findPage(org.id, group.id, {
      first: 10,
      after: first.items[1].cursor,
    });

    const all = [...first.items, ...rest.items].map((i) => i.node);
    expect(all.map((m) => m.memberId)).toEqual([...members.map((m) => m.id), child.id].sort());
    const display = Object.fromEntries(all.map((m) => [m.memberId, [m.memberType, m.display]]));
    expect(display[members[0].id]).toEqual(['User', members[0].userName]);
    expect(display[members[1].id]).toEqual(['User', 'User 1']);
    expect(display[child.id]).toEqual(['Group', 'Child Group']);
    expect([first.hasNextPage, rest.hasNextPage, rest.hasPreviousPage]).toEqual([true, false, true]);
  });

  it('deletes a group with its memberships and its appearances in other groups', async () => {
    const [parent, doomed] = await groups('Keeps', 'Doomed');
    const [user] = await users(1);
    await repos().memberships.add(org.id, doomed.id, refs([user]), ADDED_AT);
    await repos().memberships.add(org.id, parent.id, refs([doomed], 'Group'), ADDED_AT);

    expect(await t.store.transaction((tx) => tx.groups.delete(org.id, doomed.id))).toBe(true);

    expect(await repos().groups.findById(org.id, doomed.id)).toBeNull();
    expect(await repos().memberships.count(org.id, doomed.id)).toBe(0);
    expect(await repos().memberships.memberIds(org.id, parent.id)).toEqual([]);
    expect(await repos().memberships.removeEverywhere(org.id, user.id, new Date())).toBe(0);
  });

  it('filters and sorts groups by displayName and members', async () => {
    const organization = organizationRecord();
    await repos().organizations.insert(organization);
    const rows = ['beta', 'Alpha', 'gamma'].map((name) => groupRow(organization.id, name));
    const [member] = await users(1, organization.id);
    await t.store.transaction(async (tx) => {
      for (const row of rows) await tx.groups.insert(row);
      await tx.memberships.add(organization.id, rows[2].id, refs([member]), ADDED_AT);
    });
    const filter = (input: Parameters<typeof resolveFilter>[0]) => resolveFilter(input, GROUP_ATTRIBUTES);

    const sorted = await repos().groups.findPage(organization.id, null, {
      first: 10,
      orderBy: { attribute: 'displayName', direction: 'ASC' },
    });
    const withMember = await repos().groups.findPage(
      organization.id,
      filter({ kind: 'condition', attribute: 'members.value', op: 'eq', value: member.id }),
      { first: 10 },
    );
    const named = await repos().groups.count(
      organization.id,
      filter({ kind: 'condition', attribute: 'displayName', op: 'eq', value: 'ALPHA' }),
    );

    expect(sorted.items.map((i) => i.node.displayName)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(withMember.items.map((i) => i.node.displayName)).toEqual(['gamma']);
    expect(named).toBe(1);
    expect(await repos().groups.findByIds(organization.id, [rows[0].id, rows[1].id, uuidV7()])).toHaveLength(
      2,
    );
  });
});
