import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const CREATE_GROUP = `mutation($input: GroupInput!) { createGroup(input: $input) { id displayName version memberCount } }`;
const ADD = `mutation($g: ID!, $m: [ID!]!, $v: Int) { addGroupMembers(groupId: $g, memberIds: $m, expectedVersion: $v) { added removed group { version memberCount } } }`;
const REMOVE = `mutation($g: ID!, $m: [ID!]!) { removeGroupMembers(groupId: $g, memberIds: $m) { added removed group { version memberCount } } }`;
const SET = `mutation($g: ID!, $m: [ID!]!) { setGroupMembers(groupId: $g, memberIds: $m) { added removed group { memberCount } } }`;
const MEMBERS = `query($g: ID!, $first: Int, $after: String) { groupMembers(groupId: $g, first: $first, after: $after) {
  totalCount nodes { id type display } pageInfo { hasNextPage endCursor } } }`;

type Change = { added: number; removed: number; group: { version: number; memberCount: number } };

describe('GraphQL groups and membership', () => {
  let sut: TestApp;
  const userIds: string[] = [];

  async function createGroup(displayName: string, memberIds: string[] = []) {
    const result = await sut.gql<{ createGroup: { id: string; version: number; memberCount: number } }>(
      CREATE_GROUP,
      {
        input: { displayName, memberIds },
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createGroup;
  }

  beforeAll(async () => {
    sut = await startTestApp();
    for (const userName of ['ann', 'ben', 'cat', 'dan']) {
      const result = await sut.gql<{ createUser: { id: string } }>(
        `mutation($input: UserInput!) { createUser(input: $input) { id } }`,
        { input: { userName, displayName: userName.toUpperCase() } },
      );
      userIds.push(result.data!.createUser.id);
    }
  });
  afterAll(() => sut.close());

  it('creates a group with initial members', async () => {
    const group = await createGroup('Engineering', userIds.slice(0, 2));
    expect(group).toMatchObject({ displayName: 'Engineering', version: 1, memberCount: 2 });
    const members = await sut.gql<{
      groupMembers: { totalCount: number; nodes: { id: string; type: string; display: string }[] };
    }>(MEMBERS, { g: group.id });
    expect(members.data!.groupMembers.totalCount).toBe(2);
    expect(members.data!.groupMembers.nodes).toEqual(
      expect.arrayContaining([{ id: userIds[0], type: 'USER', display: 'ANN' }]),
    );
  });

  it('adds members idempotently: adding an existing member is not an error and changes nothing', async () => {
    const group = await createGroup('Idempotent', [userIds[0]]);
    const first = await sut.gql<{ addGroupMembers: Change }>(ADD, {
      g: group.id,
      m: [userIds[0], userIds[1]],
    });
    expect(first.data!.addGroupMembers).toEqual({
      added: 1,
      removed: 0,
      group: { version: 2, memberCount: 2 },
    });
    const again = await sut.gql<{ addGroupMembers: Change }>(ADD, {
      g: group.id,
      m: [userIds[0], userIds[1]],
    });
    expect(again.data!.addGroupMembers).toEqual({
      added: 0,
      removed: 0,
      group: { version: 2, memberCount: 2 },
    });
  });

  it('removes members idempotently: removing an absent member is not an error', async () => {
    const group = await createGroup('Removal', userIds.slice(0, 2));
    const result = await sut.gql<{ removeGroupMembers: Change }>(REMOVE, {
      g: group.id,
      m: [userIds[0], userIds[3]],
    });
    expect(result.data!.removeGroupMembers).toMatchObject({
      added: 0,
      removed: 1,
      group: { memberCount: 1 },
    });
  });

  it('sets members to exactly the given list', async () => {
    const group = await createGroup('Set', userIds.slice(0, 3));
    const result = await sut.gql<{ setGroupMembers: Change }>(SET, {
      g: group.id,
      m: [userIds[2], userIds[3]],
    });
    expect(result.data!.setGroupMembers).toEqual({ added: 1, removed: 2, group: { memberCount: 2 } });
  });

  it('nests groups and reports direct and indirect membership on the user', async () => {
    const inner = await createGroup('Inner', [userIds[3]]);
    const outer = await createGroup('Outer', [inner.id]);
    const result = await sut.gql<{ user: { groups: { direct: boolean; group: { displayName: string } }[] } }>(
      `query($id: ID!) { user(id: $id) { groups { direct group { displayName } } } }`,
      { id: userIds[3] },
    );
    const groups = result.data!.user.groups.map((g) => [g.group.displayName, g.direct]);
    expect(groups).toEqual(
      expect.arrayContaining([
        ['Inner', true],
        ['Outer', false],
      ]),
    );
    const cycle = await sut.gql(ADD, { g: inner.id, m: [outer.id] });
    expectOneError(cycle, 'BAD_USER_INPUT', 'memberIds');
  });

  it('rejects a member id that is not a user or group of the organization, adding nothing', async () => {
    const group = await createGroup('Strict', []);
    const result = await sut.gql(ADD, {
      g: group.id,
      m: [userIds[0], '01890000-0000-7000-8000-000000000000'],
    });
    expectOneError(result, 'BAD_USER_INPUT', 'memberIds');
    const members = await sut.gql<{ groupMembers: { totalCount: number } }>(MEMBERS, { g: group.id });
    expect(members.data!.groupMembers.totalCount).toBe(0);
  });

  it('fails with VERSION_CONFLICT on a stale expectedVersion', async () => {
    const group = await createGroup('Versioned', []);
    await sut.gql(ADD, { g: group.id, m: [userIds[0]], v: 1 });
    expectOneError(await sut.gql(ADD, { g: group.id, m: [userIds[1]], v: 1 }), 'VERSION_CONFLICT');
  });

  it('pages through members with cursors', async () => {
    const group = await createGroup('Paged', userIds);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await sut.gql<{
        groupMembers: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }>(MEMBERS, { g: group.id, first: 3, after });
      seen.push(...result.data!.groupMembers.nodes.map((n) => n.id));
      if (!result.data!.groupMembers.pageInfo.hasNextPage) break;
      after = result.data!.groupMembers.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([...userIds].sort());
  });

  it('removes a deleted user from every group', async () => {
    const created = await sut.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { userName: "leaver" }) { id } }`,
    );
    const leaver = created.data!.createUser.id;
    const group = await createGroup('Leavers', [leaver]);
    await sut.gql(`mutation($id: ID!) { deleteUser(id: $id) }`, { id: leaver });
    const members = await sut.gql<{ groupMembers: { totalCount: number } }>(MEMBERS, { g: group.id });
    expect(members.data!.groupMembers.totalCount).toBe(0);
    // The member list changed, so the group's version (its SCIM ETag) did too.
    const after = await sut.gql<{ group: { version: number } }>(
      `query($id: ID!) { group(id: $id) { version } }`,
      { id: group.id },
    );
    expect(after.data!.group.version).toBe(group.version + 1);
  });

  it('updates and deletes a group', async () => {
    const group = await createGroup('Rename me');
    const updated = await sut.gql<{ updateGroup: { displayName: string; version: number } }>(
      `mutation($id: ID!) { updateGroup(id: $id, input: { displayName: "Renamed" }) { displayName version } }`,
      { id: group.id },
    );
    expect(updated.data!.updateGroup).toEqual({ displayName: 'Renamed', version: 2 });
    expect((await sut.gql(`mutation($id: ID!) { deleteGroup(id: $id) }`, { id: group.id })).data).toEqual({
      deleteGroup: group.id,
    });
    expect((await sut.gql(`query($id: ID!) { group(id: $id) { id } }`, { id: group.id })).data).toEqual({
      group: null,
    });
  });

  it('counts the members of every listed group in one query', async () => {
    sut.queries.length = 0;
    const result = await sut.gql<{ groups: { nodes: { memberCount: number }[] } }>(
      '{ groups(first: 100) { nodes { memberCount } } }',
    );
    expect(result.data!.groups.nodes.length).toBeGreaterThan(3);
    expect(sut.queries.filter((q) => /COUNT\(\*\)/i.test(q) && /group_members/i.test(q))).toHaveLength(1);
  });

  it('filters groups by displayName case-insensitively and by member', async () => {
    const result = await sut.gql<{ groups: { nodes: { displayName: string }[] } }>(
      `query($f: Filter) { groups(filter: $f) { nodes { displayName } } }`,
      { f: { condition: { attribute: 'displayName', op: 'EQ', value: 'ENGINEERING' } } },
    );
    expect(result.data!.groups.nodes).toEqual([{ displayName: 'Engineering' }]);
    const byMember = await sut.gql<{ groups: { nodes: { displayName: string }[] } }>(
      `query($f: Filter) { groups(filter: $f) { nodes { displayName } } }`,
      { f: { condition: { attribute: 'members.value', op: 'EQ', value: userIds[3] } } },
    );
    expect(byMember.data!.groups.nodes.map((g) => g.displayName).sort()).toEqual(['Inner', 'Paged', 'Set']);
  });

  it('queues every kind of group write on one group: concurrent renames and member changes all apply', async () => {
    const group = await createGroup('Busy');
    const rename = (displayName: string) =>
      sut.gql(
        `mutation($id: ID!, $n: String) { updateGroup(id: $id, input: { displayName: $n }) { version } }`,
        {
          id: group.id,
          n: displayName,
        },
      );
    const modify = (externalId: string) =>
      sut.gql(
        `mutation($id: ID!, $e: String) { modifyGroup(id: $id, input: { externalId: $e }) { version } }`,
        {
          id: group.id,
          e: externalId,
        },
      );

    const results = await Promise.all([
      ...userIds.map((id) => sut.gql(ADD, { g: group.id, m: [id] })),
      rename('Busy 1'),
      rename('Busy 2'),
      modify('ext-busy'),
      sut.gql(REMOVE, { g: group.id, m: [group.id] }),
    ]);

    expect(results.map((result) => result.errors)).toEqual(results.map(() => undefined));
    const after = await sut.gql<{ group: { version: number; memberCount: number; externalId: string } }>(
      `query($id: ID!) { group(id: $id) { version memberCount externalId } }`,
      { id: group.id },
    );
    // 4 additions, 2 renames and 1 modification each wrote once; removing a non-member wrote nothing.
    expect(after.data!.group).toEqual({ version: 8, memberCount: 4, externalId: 'ext-busy' });
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string }[] } }>(
      `query($id: String) { auditEvents(filter: { targetId: $id }) { nodes { action } } }`,
      { id: group.id },
    );
    expect(audit.data!.auditEvents.nodes.map((event) => event.action).sort()).toEqual([
      'group.create',
      'group.members.add',
      'group.members.add',
      'group.members.add',
      'group.members.add',
      'group.modify',
      'group.update',
      'group.update',
    ]);
  });
});
