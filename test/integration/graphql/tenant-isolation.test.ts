import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

/**
 * Organization "other" must not read, list, count, modify or learn the existence of anything in
 * organization "default": every lookup is null or NOT_FOUND, exactly as for an id that never existed.
 */
describe('tenant isolation', () => {
  let sut: TestApp;
  let userId: string;
  let groupId: string;
  let tokenId: string;
  const asOther = (query: string, variables: Record<string, unknown> = {}) =>
    sut.gql(query, variables, sut.other.adminToken);

  beforeAll(async () => {
    sut = await startTestApp();
    const user = await sut.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { userName: "secret-agent", externalId: "ext-007", emails: [{ value: "agent@a.example" }] }) { id } }`,
    );
    userId = user.data!.createUser.id;
    const group = await sut.gql<{ createGroup: { id: string } }>(
      `mutation($m: [ID!]) { createGroup(input: { displayName: "Agents", memberIds: $m }) { id } }`,
      { m: [userId] },
    );
    groupId = group.data!.createGroup.id;
    const token = await sut.gql<{ createApiToken: { token: { id: string } } }>(
      `mutation { createApiToken(input: { name: "a-token", scopes: ["scim"] }) { token { id } } }`,
    );
    tokenId = token.data!.createApiToken.token.id;
  });
  afterAll(() => sut.close());

  it('user(id) is null', async () => {
    expect((await asOther(`query($id: ID!) { user(id: $id) { id } }`, { id: userId })).data).toEqual({
      user: null,
    });
  });

  it('group(id) is null', async () => {
    expect((await asOther(`query($id: ID!) { group(id: $id) { id } }`, { id: groupId })).data).toEqual({
      group: null,
    });
  });

  it('users and groups lists and counts do not include them, whatever the filter', async () => {
    const users = await asOther(`{ users(filter: { or: [
      { condition: { attribute: "userName", op: EQ, value: "secret-agent" } },
      { condition: { attribute: "externalId", op: EQ, value: "ext-007" } },
      { condition: { attribute: "emails.value", op: CO, value: "agent" } },
      { condition: { attribute: "id", op: EQ, value: "${userId}" } } ] }) { totalCount nodes { id } } }`);
    expect(users.data).toEqual({ users: { totalCount: 0, nodes: [] } });
    const groups = await asOther(`{ groups { totalCount nodes { id } } }`);
    expect(groups.data).toEqual({ groups: { totalCount: 0, nodes: [] } });
  });

  it('groupMembers is NOT_FOUND', async () => {
    expectOneError(
      await asOther(`query($g: ID!) { groupMembers(groupId: $g) { totalCount } }`, { g: groupId }),
      'NOT_FOUND',
    );
  });

  it('_entities resolves the other organization’s user and group to null', async () => {
    const result = await asOther(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } ... on Group { id } } }`,
      {
        r: [
          { __typename: 'User', id: userId },
          { __typename: 'Group', id: groupId },
        ],
      },
    );
    expect(result.data).toEqual({ _entities: [null, null] });
  });

  it.each([
    ['updateUser', `mutation($id: ID!) { updateUser(id: $id, input: { title: "pwned" }) { id } }`],
    ['replaceUser', `mutation($id: ID!) { replaceUser(id: $id, input: { userName: "pwned" }) { id } }`],
    ['setUserActive', `mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`],
    ['deleteUser', `mutation($id: ID!) { deleteUser(id: $id) }`],
  ])('%s on their user is NOT_FOUND', async (_name, mutation) => {
    expectOneError(await asOther(mutation, { id: userId }), 'NOT_FOUND');
  });

  it.each([
    ['updateGroup', `mutation($id: ID!) { updateGroup(id: $id, input: { displayName: "pwned" }) { id } }`],
    ['deleteGroup', `mutation($id: ID!) { deleteGroup(id: $id) }`],
    ['addGroupMembers', `mutation($id: ID!) { addGroupMembers(groupId: $id, memberIds: []) { added } }`],
    [
      'removeGroupMembers',
      `mutation($id: ID!) { removeGroupMembers(groupId: $id, memberIds: []) { removed } }`,
    ],
    ['setGroupMembers', `mutation($id: ID!) { setGroupMembers(groupId: $id, memberIds: []) { removed } }`],
    ['modifyGroup', `mutation($id: ID!) { modifyGroup(id: $id, input: { displayName: "pwned" }) { id } }`],
  ])('%s on their group is NOT_FOUND', async (_name, mutation) => {
    expectOneError(await asOther(mutation, { id: groupId }), 'NOT_FOUND');
  });

  it('cannot add their user to its own group', async () => {
    const own = await asOther(`mutation { createGroup(input: { displayName: "Mine" }) { id } }`);
    const groupOfOther = (own.data as { createGroup: { id: string } }).createGroup.id;
    const result = await asOther(
      `mutation($g: ID!, $m: [ID!]!) { addGroupMembers(groupId: $g, memberIds: $m) { added } }`,
      {
        g: groupOfOther,
        m: [userId],
      },
    );
    expectOneError(result, 'BAD_USER_INPUT', 'memberIds');
  });

  it('cannot see, rotate or revoke their tokens', async () => {
    // Exactly its own three tokens (an erroring query, data null, would not do).
    const listed = await asOther(`{ apiTokens { id name } }`);
    expect(listed.errors).toBeUndefined();
    const names = (listed.data as { apiTokens: { id: string; name: string }[] }).apiTokens.map((t) => t.name);
    expect(names.sort()).toEqual(['a', 'reader', 's']);
    expectOneError(
      await asOther(`mutation($id: ID!) { rotateApiToken(id: $id) { secret } }`, { id: tokenId }),
      'NOT_FOUND',
    );
    expectOneError(
      await asOther(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: tokenId }),
      'NOT_FOUND',
    );
  });

  it('sees exactly the audit events of its own objects', async () => {
    const result = await asOther(`{ auditEvents(first: 1000) { nodes { targetId } }
      apiTokens { id } groups { nodes { id } } users { nodes { id } } }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      auditEvents: { nodes: { targetId: string }[] };
      apiTokens: { id: string }[];
      groups: { nodes: { id: string }[] };
      users: { nodes: { id: string }[] };
    };
    const own = [...data.apiTokens, ...data.groups.nodes, ...data.users.nodes].map((o) => o.id);
    expect(new Set(data.auditEvents.nodes.map((e) => e.targetId))).toEqual(new Set(own));
    expect(own).not.toEqual(expect.arrayContaining([userId]));
  });

  it('extension attribute definitions are per organization', async () => {
    const schema = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
    const defined = await sut.gql(
      `mutation($s: String!) { defineUserExtensionAttribute(input: { schema: $s, name: "badge", type: "string" }) { name } }`,
      { s: schema },
    );
    expect(defined.errors).toBeUndefined();
    const seen = await asOther(`{ userExtensionAttributes { schema name } }`);
    expect(seen.data).toEqual({ userExtensionAttributes: [] });
    const removed = await asOther(
      `mutation($s: String!) { removeUserExtensionAttribute(schema: $s, name: "badge") }`,
      { s: schema },
    );
    expect(removed.data).toEqual({ removeUserExtensionAttribute: false });
    const still = await sut.gql<{ userExtensionAttributes: { name: string }[] }>(
      `{ userExtensionAttributes { name } }`,
    );
    expect(still.data!.userExtensionAttributes.map((a) => a.name)).toEqual(['badge']);
  });

  it('viewer names the caller’s own organization', async () => {
    const result = await asOther(`{ viewer { organization { slug } } }`);
    expect(result.data).toEqual({ viewer: { organization: { slug: 'other' } } });
  });

  it('userName uniqueness is per organization', async () => {
    const result = await asOther(`mutation { createUser(input: { userName: "secret-agent" }) { userName } }`);
    expect(result).toEqual({ status: 200, data: { createUser: { userName: 'secret-agent' } } });
  });

  it('still sees its own data through the same queries', async () => {
    const result = await sut.gql(`query($id: ID!) { user(id: $id) { userName } }`, { id: userId });
    expect(result.data).toEqual({ user: { userName: 'secret-agent' } });
  });
});
