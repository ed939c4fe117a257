import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const SCHEMA = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const DEFINE = `mutation($input: ExtensionAttributeInput!) { defineUserExtensionAttribute(input: $input) { schema name type } }`;
const CREATE = `mutation($input: UserInput!) { createUser(input: $input) { id extensions } }`;
const USERS = `query($f: Filter, $o: OrderBy) { users(filter: $f, orderBy: $o) { nodes { userName extensions } } }`;

describe('organization-defined extension attributes over GraphQL', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    for (const input of [
      { schema: SCHEMA, name: 'badge', type: 'integer' },
      { schema: SCHEMA, name: 'tier', type: 'string', canonicalValues: ['gold', 'silver'] },
      { schema: SCHEMA, name: 'skills', type: 'string', multiValued: true },
    ]) {
      expect((await sut.gql(DEFINE, { input })).errors).toBeUndefined();
    }
    for (const [userName, badge, tier, skills] of [
      ['ext-a', 7, 'gold', ['go', 'ts']],
      ['ext-b', 3, 'silver', ['sql']],
    ] as const) {
      const result = await sut.gql(CREATE, {
        input: { userName, extensions: { [SCHEMA]: { badge, tier, skills } } },
      });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => sut.close());

  it('stores and returns values under their schema URN', async () => {
    const result = await sut.gql<{ users: { nodes: { userName: string; extensions: object }[] } }>(USERS, {
      f: { condition: { attribute: 'userName', op: 'EQ', value: 'ext-a' } },
    });
    expect(result.data!.users.nodes[0].extensions).toEqual({
      [SCHEMA]: { badge: 7, tier: 'gold', skills: ['go', 'ts'] },
    });
  });

  it('filters and sorts by them', async () => {
    const names = async (variables: Record<string, unknown>) =>
      (await sut.gql<{ users: { nodes: { userName: string }[] } }>(USERS, variables)).data!.users.nodes.map(
        (n) => n.userName,
      );
    expect(await names({ f: { condition: { attribute: `${SCHEMA}:badge`, op: 'GT', value: 5 } } })).toEqual([
      'ext-a',
    ]);
    expect(
      await names({ f: { condition: { attribute: `${SCHEMA}:tier`, op: 'EQ', value: 'SILVER' } } }),
    ).toEqual(['ext-b']);
    expect(
      await names({ f: { condition: { attribute: `${SCHEMA}:skills`, op: 'EQ', value: 'sql' } } }),
    ).toEqual(['ext-b']);
    expect(await names({ o: { attribute: `${SCHEMA}:tier`, direction: 'DESC' } })).toEqual([
      'ext-b',
      'ext-a',
    ]);
  });

  it.each([
    ['a value of the wrong type', { badge: 'seven' }, `extensions.${SCHEMA}.badge`],
    ['a value outside the canonical list', { tier: 'bronze' }, `extensions.${SCHEMA}.tier`],
    ['an undefined attribute', { shoeSize: 42 }, `extensions.${SCHEMA}.shoeSize`],
  ])('rejects %s with BAD_USER_INPUT naming it, writing nothing', async (_name, values, field) => {
    const count = async () =>
      (await sut.gql<{ users: { totalCount: number } }>('{ users { totalCount } }')).data!.users.totalCount;
    const before = await count();
    const result = await sut.gql(CREATE, {
      input: { userName: `bad-${field.length}`, extensions: { [SCHEMA]: values } },
    });
    expectOneError(result, 'BAD_USER_INPUT', field);
    expect(await count()).toBe(before);
  });

  it('only lets admins define attributes', async () => {
    const result = await sut.gql(
      DEFINE,
      { input: { schema: SCHEMA, name: 'nope', type: 'string' } },
      sut.tenant.scimToken,
    );
    expectOneError(result, 'FORBIDDEN');
  });

  it('refuses to extend the standard schemas and invalid names', async () => {
    const core = await sut.gql(DEFINE, {
      input: { schema: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'x', type: 'string' },
    });
    expectOneError(core, 'BAD_USER_INPUT', 'schema');
    expectOneError(
      await sut.gql(DEFINE, { input: { schema: SCHEMA, name: '9lives', type: 'string' } }),
      'BAD_USER_INPUT',
      'name',
    );
    expectOneError(
      await sut.gql(DEFINE, { input: { schema: SCHEMA, name: 'badge', type: 'string' } }),
      'CONFLICT',
    );
  });

  it('stops returning the values of a removed definition', async () => {
    const removed = await sut.gql(
      `mutation($s: String!) { removeUserExtensionAttribute(schema: $s, name: "skills") }`,
      { s: SCHEMA },
    );
    expect(removed.data).toEqual({ removeUserExtensionAttribute: true });
    const result = await sut.gql<{ users: { nodes: { extensions: object }[] } }>(USERS, {
      f: { condition: { attribute: 'userName', op: 'EQ', value: 'ext-a' } },
    });
    expect(result.data!.users.nodes[0].extensions).toEqual({ [SCHEMA]: { badge: 7, tier: 'gold' } });
  });
});
