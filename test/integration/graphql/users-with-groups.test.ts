import { scim } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const GROUPS = 'groups { direct group { id displayName version memberCount } }';

/**
 * `user(id)` and `users` that select `groups` read the users and their groups in one statement;
 * the answer is the one the `User.groups` loader gives (it still answers `_entities`, mutations and
 * `viewer`), and without `groups` (or with it skipped) nothing more is read.
 */
describe('users queried with their groups', () => {
  let sut: TestApp;
  const userIds: string[] = [];

  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const result = await sut.gql<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  /**
   * The reads of users and groups since the last reset: not authentication's token lookup, nor the
   * request log's and health counters' writes off the request path.
   */
  const dataStatements = () =>
    sut.queries.filter(
      (q) =>
        /^\s*(WITH|SELECT)\b/i.test(q) &&
        /["`](users|groups|group_members)["`]/.test(q) &&
        !/api_tokens/.test(q),
    );
  const viaLoader = async (ids: readonly string[]) =>
    (
      await gql<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id ${GROUPS} } } }`,
        { r: ids.map((id) => ({ __typename: 'User', id })) },
      )
    )._entities;

  beforeAll(async () => {
    sut = await startTestApp();
    for (let i = 0; i < 5; i++) {
      const created = await gql<{ createUser: { id: string } }>(
        `mutation($n: String!) { createUser(input: { userName: $n }) { id } }`,
        { n: `grouped-${i}@example.com` },
      );
      userIds.push(created.createUser.id);
    }
    const group = async (name: string, members: string[]) => {
      const { createGroup } = await gql<{ createGroup: { id: string } }>(
        `mutation($n: String!) { createGroup(input: { displayName: $n }) { id } }`,
        { n: name },
      );
      await gql(`mutation($g: ID!, $m: [ID!]!) { addGroupMembers(groupId: $g, memberIds: $m) { added } }`, {
        g: createGroup.id,
        m: members,
      });
      return createGroup.id;
    };
    const [, u1, u2, u3] = userIds;
    const inner = await group('Inner', [u1, u2]);
    const middle = await group('Middle', [inner, u3]);
    await group('Outer', [middle, u1]);
  });
  afterAll(() => sut.close());

  it('answers user(id) { groups } in one statement, as the loader does', async () => {
    for (const id of userIds) {
      sut.queries.length = 0;
      const { user } = await gql<{ user: unknown }>(`query($id: ID!) { user(id: $id) { id ${GROUPS} } }`, {
        id,
      });
      // The groups' memberCount is its own batched query; the user and its groups are one.
      expect(dataStatements().filter((q) => !/COUNT\(\*\)/.test(q))).toHaveLength(1);
      expect(JSON.stringify(user)).toBe(JSON.stringify((await viaLoader([id]))[0]));
    }
  });

  it('answers users { nodes { groups } } and edges { node { groups } } in one statement, as the loader does', async () => {
    for (const selection of [`nodes { id ${GROUPS} }`, `edges { node { id ${GROUPS} } }`]) {
      sut.queries.length = 0;
      const { users } = await gql<{
        users: { totalCount: number; nodes?: unknown[]; edges?: { node: unknown }[] };
      }>(`{ users(first: 10) { totalCount ${selection} } }`);
      const statements = dataStatements().filter((q) => !/COUNT\(\*\)/.test(q));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^WITH RECURSIVE/);
      expect(users.totalCount).toBe(5);
      const nodes = users.nodes ?? users.edges!.map((e) => e.node);
      expect(JSON.stringify(nodes)).toBe(JSON.stringify(await viaLoader(userIds)));
    }
  });

  it('reads no groups when they are not selected, or skipped by a variable', async () => {
    const queries = [
      [`query($id: ID!) { user(id: $id) { id } }`, {}],
      [
        `query($id: ID!, $g: Boolean!) { user(id: $id) { id groups @include(if: $g) { direct } } }`,
        { g: false },
      ],
      [
        `query($id: ID!, $g: Boolean!) { user(id: $id) { id ... on User @skip(if: $g) { groups { direct } } } }`,
        { g: true },
      ],
      [
        `query($g: Boolean!) { users(first: 5) { nodes @include(if: $g) { groups { direct } } } }`,
        { g: false },
      ],
    ] as const;
    for (const [query, variables] of queries) {
      sut.queries.length = 0;
      await gql(query, { id: userIds[1], ...variables });
      expect(dataStatements()).toHaveLength(1);
      expect(dataStatements()[0]).toMatch(/^SELECT/);
    }
  });

  it('reads the groups with the user when a variable includes them', async () => {
    const query = `query($id: ID!, $g: Boolean!) { user(id: $id) { id ...F } } fragment F on User { groups @include(if: $g) { group { displayName } } }`;
    sut.queries.length = 0;
    const { user } = await gql<{ user: { groups: { group: { displayName: string } }[] } }>(query, {
      id: userIds[1],
      g: true,
    });
    expect(dataStatements()).toHaveLength(1);
    expect(user.groups.map((m) => m.group.displayName).sort()).toEqual(['Inner', 'Middle', 'Outer']);
  });

  it('answers SCIM GET /Users/{id} and a userName filter with one statement', async () => {
    const client = scim(sut, sut.tenant.scimToken);
    for (const path of [
      `/Users/${userIds[1]}`,
      '/Users?filter=userName%20eq%20%22grouped-1@example.com%22',
    ]) {
      sut.queries.length = 0;
      const res = await client.get(path);
      expect(res.status).toBe(200);
      const user = res.body.Resources?.[0] ?? res.body;
      expect(
        user.groups.map((g: { display: string; type: string }) => `${g.display} ${g.type}`).sort(),
      ).toEqual(['Inner direct', 'Middle indirect', 'Outer direct']);
      expect(dataStatements()).toHaveLength(1);
    }
  });
});
