import type { GraphQLSchema } from 'graphql';
import { graphql, isObjectType } from 'graphql';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { buildIdentitySchema, printIdentitySchema } from '../../../src/graphql/build-schema';
import { createGraphqlContext } from '../../../src/graphql/context';
import { aUser, requestContext, stubServices } from './stub-services';

describe('the identity subgraph schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  async function run(
    services: ReturnType<typeof stubServices>['services'],
    source: string,
    variableValues?: Record<string, unknown>,
  ) {
    return graphql({
      schema,
      source,
      variableValues,
      contextValue: createGraphqlContext(services, requestContext()),
    });
  }

  it('prints the same SDL on every build, with User and Group as entities', async () => {
    const [first, second] = await Promise.all([printIdentitySchema(), printIdentitySchema()]);
    expect(second).toBe(first);
    expect(first).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(first).toMatch(/type Group\s+@key\(fields: "id"\)/);
  });

  it('exposes whether a user has a password, never the password', () => {
    const user = schema.getType('User');
    if (!isObjectType(user)) throw new Error('User is not an object type');
    const fields = Object.keys(user.getFields());
    expect(fields).toContain('hasPassword');
    expect(fields.filter((name) => /password|hash/i.test(name) && name !== 'hasPassword')).toEqual([]);
  });

  it('counts users only when totalCount is selected', async () => {
    const { services, calls } = stubServices({ users: [aUser(), aUser()] });
    const without = await run(services, '{ users { nodes { id } } }');
    expect(without.errors).toBeUndefined();
    expect(calls.countUsers).toBe(0);
    const withCount = await run(services, '{ users { totalCount nodes { id } } }');
    expect(withCount.data).toMatchObject({ users: { totalCount: 2 } });
    expect(calls.countUsers).toBe(1);
  });

  it('resolves 100 user representations with one findMany', async () => {
    const users = Array.from({ length: 100 }, (_, i) => aUser({ userName: `user${i}` }));
    const { services, calls } = stubServices({ users });
    const result = await run(
      services,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { userName } } }',
      {
        r: users.map((u) => ({ __typename: 'User', id: u.id })),
      },
    );
    expect(result.errors).toBeUndefined();
    expect((result.data?._entities as unknown[]).length).toBe(100);
    expect(calls.findManyUsers).toHaveLength(1);
  });

  it('resolves an unknown or malformed representation to null, asking the database only for UUIDs', async () => {
    const ann = aUser({ userName: 'ann' });
    const { services, calls } = stubServices({ users: [ann] });
    const unknown = uuidV7();
    const result = await run(
      services,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { userName } } }',
      {
        r: [
          { __typename: 'User', id: ann.id },
          { __typename: 'User', id: unknown },
          { __typename: 'User', id: 'not-a-uuid' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ userName: 'ann' }, null, null]);
    expect(calls.findManyUsers).toEqual([[ann.id, unknown]]);
  });

  it("answers viewer.user with the user a JWT's subject names, and null for an API token", async () => {
    const ann = aUser({ userName: 'ann' });
    const { services } = stubServices({ users: [ann] });
    const asJwt = requestContext({
      principal: { ...requestContext().principal, kind: 'jwt', subject: 'jwt:ann', userId: ann.id },
    });
    const mine = await graphql({
      schema,
      source: '{ viewer { subject user { userName } } }',
      contextValue: createGraphqlContext(services, asJwt),
    });
    expect(mine.data).toEqual({ viewer: { subject: 'jwt:ann', user: { userName: 'ann' } } });
    const token = await run(services, '{ viewer { subject scopes user { id } } }');
    expect(token.data).toEqual({ viewer: { subject: 'token:test', scopes: ['identity:admin'], user: null } });
  });

  it("names a manager by the managing user's displayName, and leaves an unknown manager unnamed", async () => {
    const boss = aUser({ userName: 'boss', displayName: 'The Boss' });
    const ann = aUser({ enterprise: { ...emptyEnterprise, managerId: boss.id } });
    const bob = aUser({ enterprise: { ...emptyEnterprise, managerId: 'okta-00u1' } });
    const { services, calls } = stubServices({ users: [boss, ann, bob] });
    const result = await run(
      services,
      '{ users { nodes { enterprise { manager { value displayName user { userName } } } } } }',
    );
    expect(result.data).toMatchObject({
      users: {
        nodes: [
          { enterprise: null },
          {
            enterprise: { manager: { value: boss.id, displayName: 'The Boss', user: { userName: 'boss' } } },
          },
          { enterprise: { manager: { value: 'okta-00u1', displayName: null, user: null } } },
        ],
      },
    });
    expect(calls.findManyUsers).toEqual([[boss.id]]);
  });
});

const emptyEnterprise = {
  employeeNumber: null,
  costCenter: null,
  organization: null,
  division: null,
  department: null,
  managerId: null,
};
