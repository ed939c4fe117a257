import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { createSqliteDatabase } from '../../fixtures/test-database';

interface FeedPage {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are asserted field by field
  events: { nodes: { type: string; version: number | null; data: Record<string, any> }[] };
}

/**
 * group.members_added / group.members_removed name at most 1,000 member ids each. On SQLite only:
 * the chunking is the domain's, and seeding 1,001 users one transaction each takes over a minute
 * on a loaded MariaDB.
 */
describe('member events in chunks', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({}, createSqliteDatabase());
  });
  afterAll(() => sut?.close());

  const feed = async (variables: Record<string, unknown>) => {
    const result = await sut.gql<FeedPage>(
      'query($resourceId: ID) { events(resourceId: $resourceId, first: 1000) { nodes { type version data } } }',
      variables,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.events;
  };

  it('chunks member ids at 1,000 per event, every chunk carrying the change’s version and the group without members', async () => {
    const ids: string[] = [];
    for (let start = 0; start < 1001; start += 25) {
      const batch = Array.from({ length: Math.min(25, 1001 - start) }, (_, i) => start + i);
      const result = await sut.gql<Record<string, { id: string }>>(
        `mutation { ${batch.map((n) => `u${n}: createUser(input: { userName: "chunk${n}@example.com" }) { id }`).join('\n')} }`,
      );
      expect(result.errors).toBeUndefined();
      ids.push(...batch.map((n) => result.data![`u${n}`].id));
    }
    const created = await sut.gql<{ createGroup: { id: string } }>(
      'mutation($m: [ID!]) { createGroup(input: { displayName: "Everyone", memberIds: $m }) { id } }',
      { m: ids },
    );
    expect(created.errors).toBeUndefined();
    const groupId = created.data!.createGroup.id;
    const removed = await sut.gql(
      'mutation($g: ID!, $m: [ID!]!) { removeGroupMembers(groupId: $g, memberIds: $m) { removed } }',
      { g: groupId, m: ids },
    );
    expect(removed.errors).toBeUndefined();

    const { nodes } = await feed({ resourceId: groupId });
    expect(nodes.map((e) => [e.type, e.version, e.data.memberIds?.length ?? null])).toEqual([
      ['group.created', 1, null],
      ['group.members_added', 1, 1000],
      ['group.members_added', 1, 1],
      ['group.members_removed', 2, 1000],
      ['group.members_removed', 2, 1],
    ]);
    expect(nodes.slice(1, 3).flatMap((e) => e.data.memberIds)).toEqual(ids);
    expect(nodes.slice(3).flatMap((e) => e.data.memberIds)).toEqual(ids);
    for (const event of nodes) {
      expect(event.data.group).toMatchObject({ id: groupId, displayName: 'Everyone' });
      expect(event.data.group).not.toHaveProperty('members');
    }
  }, 120_000);
});
