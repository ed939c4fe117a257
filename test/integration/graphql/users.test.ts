import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const USER_FIELDS = `id userName externalId active displayName version hasPassword createdAt updatedAt
  name { givenName familyName formatted }
  emails { value type primary display }
  addresses { locality country type primary }
  enterprise { department employeeNumber manager { value displayName } }`;

const CREATE = `mutation($input: UserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UserPatchInput!, $v: Int) { updateUser(id: $id, input: $input, expectedVersion: $v) { ${USER_FIELDS} } }`;
const REPLACE = `mutation($id: ID!, $input: UserInput!, $v: Int) { replaceUser(id: $id, input: $input, expectedVersion: $v) { ${USER_FIELDS} } }`;
const USER = `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`;
const USERS = `query($filter: Filter, $orderBy: OrderBy, $first: Int, $after: String, $offset: Int) {
  users(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) {
    totalCount nodes { id userName } pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } }
  } }`;

type User = { id: string; userName: string; version: number; active: boolean; [key: string]: unknown };

describe('GraphQL users', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  async function createUser(input: Record<string, unknown>): Promise<User> {
    const result = await sut.gql<{ createUser: User }>(CREATE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.createUser;
  }

  it('creates a user with every kind of attribute and reads it back', async () => {
    const created = await createUser({
      userName: 'bjensen@example.com',
      externalId: 'okta-00u1',
      name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' },
      displayName: 'Babs Jensen',
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      addresses: [{ locality: 'Hollywood', country: 'US', type: 'work', primary: true }],
      enterprise: { department: 'Tour Operations', employeeNumber: '701984' },
      password: 't1meMa$heen',
    });
    expect(created).toMatchObject({
      userName: 'bjensen@example.com',
      active: true,
      version: 1,
      hasPassword: true,
    });
    const read = await sut.gql<{ user: User }>(USER, { id: created.id });
    expect(read.data!.user).toEqual(created);
    expect(read.data!.user).toMatchObject({
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true, display: null }],
      enterprise: { department: 'Tour Operations', employeeNumber: '701984', manager: null },
    });
  });

  it('never exposes a password: the schema has no field that could return it', async () => {
    const result = await sut.gql(`{ __type(name: "User") { fields { name } } }`);
    const names = (result.data as { __type: { fields: { name: string }[] } }).__type.fields.map(
      (f) => f.name,
    );
    expect(names).toContain('hasPassword');
    expect(names.filter((n) => /password|hash/i.test(n) && n !== 'hasPassword')).toEqual([]);
  });

  it('returns CONFLICT for a userName that differs only in case, and writes nothing', async () => {
    await createUser({ userName: 'Case.Test@Example.com' });
    const before = await sut.gql<{ users: { totalCount: number } }>(USERS, {});
    const result = await sut.gql(CREATE, { input: { userName: 'case.test@EXAMPLE.com' } });
    expectOneError(result, 'CONFLICT', 'userName');
    const after = await sut.gql<{ users: { totalCount: number } }>(USERS, {});
    expect(after.data!.users.totalCount).toBe(before.data!.users.totalCount);
  });

  it('updates only the given attributes, clears those set to null, and bumps the version', async () => {
    const user = await createUser({ userName: 'patchme', title: 'Engineer', nickName: 'pm' });
    const result = await sut.gql<{ updateUser: User }>(UPDATE, {
      id: user.id,
      input: { title: 'Lead', nickName: null },
    });
    expect(result.errors).toBeUndefined();
    const read = await sut.gql<{ user: User & { title: string; nickName: string } }>(
      `query($id: ID!) { user(id: $id) { userName title nickName version } }`,
      { id: user.id },
    );
    expect(read.data!.user).toEqual({ userName: 'patchme', title: 'Lead', nickName: null, version: 2 });
  });

  it('replaces every attribute, keeping the password when none is given', async () => {
    const user = await createUser({
      userName: 'replace-me',
      title: 'Old',
      password: 'secret-1',
      emails: [{ value: 'a@x.io' }],
    });
    const result = await sut.gql<{ replaceUser: User }>(REPLACE, {
      id: user.id,
      input: { userName: 'replaced' },
    });
    expect(result.data!.replaceUser).toMatchObject({
      userName: 'replaced',
      emails: [],
      hasPassword: true,
      version: 2,
    });
  });

  it('fails with VERSION_CONFLICT when expectedVersion is stale, and changes nothing', async () => {
    const user = await createUser({ userName: 'racer' });
    await sut.gql(UPDATE, { id: user.id, input: { title: 'first' }, v: 1 });
    const stale = await sut.gql(UPDATE, { id: user.id, input: { title: 'second' }, v: 1 });
    expectOneError(stale, 'VERSION_CONFLICT');
    const read = await sut.gql<{ user: { title: string } }>(`query($id: ID!) { user(id: $id) { title } }`, {
      id: user.id,
    });
    expect(read.data!.user.title).toBe('first');
  });

  it('deactivates and reactivates a user, who stays findable by userName', async () => {
    const user = await createUser({ userName: 'Deactivate.Me' });
    const off = await sut.gql<{ setUserActive: User }>(
      `mutation($id: ID!) { setUserActive(id: $id, active: false) { active version } }`,
      { id: user.id },
    );
    expect(off.data!.setUserActive).toEqual({ active: false, version: 2 });
    const found = await sut.gql<{ users: { nodes: User[] } }>(USERS, {
      filter: { condition: { attribute: 'userName', op: 'EQ', value: 'deactivate.me' } },
    });
    expect(found.data!.users.nodes.map((u) => u.id)).toEqual([user.id]);
  });

  it('deletes a user; it is then NOT_FOUND for writes and null for reads', async () => {
    const user = await createUser({ userName: 'delete-me' });
    const deleted = await sut.gql(`mutation($id: ID!) { deleteUser(id: $id) }`, { id: user.id });
    expect(deleted.data).toEqual({ deleteUser: user.id });
    expect((await sut.gql(USER, { id: user.id })).data).toEqual({ user: null });
    expectOneError(await sut.gql(`mutation($id: ID!) { deleteUser(id: $id) }`, { id: user.id }), 'NOT_FOUND');
  });

  describe('bad input', () => {
    it.each([
      { name: 'malformed GraphQL', query: '{ users { ', variables: {} },
      { name: 'an unknown field', query: '{ users { nodes { shoeSize } } }', variables: {} },
      {
        name: 'an unknown input field',
        query: CREATE,
        variables: { input: { userName: 'x', shoeSize: 42 } },
      },
      {
        name: 'a wrongly typed variable',
        query: CREATE,
        variables: { input: { userName: 'x', active: 'yes' } },
      },
    ])('answers $name with BAD_USER_INPUT', async ({ query, variables }) => {
      const result = await sut.gql(query, variables);
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!) expect(error.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('names the field of an over-long string', async () => {
      expectOneError(
        await sut.gql(CREATE, { input: { userName: 'u'.repeat(300) } }),
        'BAD_USER_INPUT',
        'userName',
      );
      expectOneError(
        await sut.gql(CREATE, { input: { userName: 'ok', title: 't'.repeat(2000) } }),
        'BAD_USER_INPUT',
        'title',
      );
    });

    it('names the argument when an id is not a UUID', async () => {
      const error = expectOneError(await sut.gql(USER, { id: 'not-a-uuid' }), 'BAD_USER_INPUT');
      expect(error.message).toMatch(/id/);
    });

    it('rejects gt on a boolean attribute, naming the filter field', async () => {
      const result = await sut.gql(USERS, {
        filter: { condition: { attribute: 'active', op: 'GT', value: true } },
      });
      expectOneError(result, 'BAD_USER_INPUT', 'filter.condition.op');
    });

    it('rejects a filter object with two fields set', async () => {
      const result = await sut.gql(USERS, {
        filter: {
          condition: { attribute: 'userName', op: 'EQ', value: 'a' },
          not: { condition: { attribute: 'active', op: 'PR' } },
        },
      });
      expectOneError(result, 'BAD_USER_INPUT');
    });

    it('answers an unknown id with null for lookups and NOT_FOUND for writes', async () => {
      const id = '01890000-0000-7000-8000-000000000000';
      expect((await sut.gql(USER, { id })).data).toEqual({ user: null });
      expectOneError(await sut.gql(UPDATE, { id, input: { title: 'x' } }), 'NOT_FOUND');
    });
  });
});
