import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { execute, getIntrospectionQuery, parse } from 'graphql';
import { DomainError } from '../../../src/errors';
import { buildIdentitySchema } from '../../../src/graphql/build-schema';
import { compileOperation } from '../../../src/graphql/compiled-operation';
import { createGraphqlContext } from '../../../src/graphql/context';
import type { ClientError } from '../../../src/graphql/format-error';
import { formatError, toClientError } from '../../../src/graphql/format-error';
import { aUser, requestContext, stubServices } from './stub-services';

const ann = aUser({ userName: 'ann', name: { givenName: 'Ann' } as never });
const bob = aUser({ userName: 'bob', active: false });
/** A record the database should never hold: a null where the schema promises a value, a wrong type. */
const broken = aUser({ userName: null as never, active: 'yes' as never });

const logged = ({ log, cause }: ClientError) => (log ? (cause as Error).message : undefined);

/** What a client would see of a result, and what Apollo Server and `format-error.ts` read of each error. */
function observed(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error: GraphQLError) => ({
      json: error.toJSON(),
      formatted: formatError(error.toJSON(), error),
      // Apollo Server reads the nodes of a request error (no path) to tell variable errors apart.
      nodeKinds: error.path ? undefined : error.nodes?.map((node) => node.kind),
      // What the server plugin logs of an INTERNAL error: graphql-js wraps a null where the schema
      // promises a value in an Error of its own, graphql-jit reports it directly, with the same message.
      logged: logged(toClientError(error)),
    })),
  };
}

const failing = () =>
  stubServices(
    { users: [ann] },
    {
      users: {
        find: async () => {
          throw new DomainError('FORBIDDEN', 'This operation needs a token with read permission');
        },
        findMany: async () => {
          throw new Error('SQLITE_ERROR: no such column');
        },
      },
    },
  ).services;

const reference = (id: string) => ({ __typename: 'User', id });

/**
 * graphql-jit runs the operations of the GraphQL endpoint and of the SCIM facade: what it answers
 * must be what graphql-js answers, data and errors alike, for everything a client can send.
 */
describe('a compiled operation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  it.each([
    {
      name: 'a list with a recursive filter',
      query: 'query ($f: Filter) { users(filter: $f) { nodes { userName active } totalCount } }',
      variables: {
        f: {
          or: [
            { condition: { attribute: 'userName', op: 'EQ', value: 'ann' } },
            { not: { condition: { attribute: 'active', op: 'EQ', value: true } } },
          ],
        },
      },
    },
    {
      name: 'entities, one unknown',
      query:
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { id userName name { givenName } emails { value } } } }',
      variables: {
        r: [reference(ann.id), reference(bob.id), reference('0190a4f6-0000-7000-8000-000000000000')],
      },
    },
    {
      name: 'aliases, fragments and directives on variables',
      query:
        'query ($id: ID!, $yes: Boolean!, $no: Boolean = false) { a: user(id: $id) { ...U @include(if: $yes) } b: user(id: $id) { userName @skip(if: $no) active @include(if: $no) } } fragment U on User { id displayName }',
      variables: { id: ann.id, yes: true },
    },
    {
      name: 'a variable default',
      query: 'query ($first: Int = 1) { users(first: $first) { nodes { userName } } }',
      variables: {},
    },
    { name: 'the service SDL', query: '{ _service { sdl } }', variables: {} },
    { name: 'introspection', query: getIntrospectionQuery(), variables: {} },
    {
      name: 'a variable of the wrong type',
      query: 'query ($f: Int) { users(first: $f) { nodes { id } } }',
      variables: { f: 'ten' },
    },
    {
      name: 'a missing required variable',
      query: 'query ($id: ID!) { user(id: $id) { id } }',
      variables: {},
    },
    {
      name: 'a null for a required variable',
      query: 'query ($id: ID!) { user(id: $id) { id } }',
      variables: { id: null },
    },
    {
      name: 'an unknown input field',
      query: 'mutation ($input: UserInput!) { createUser(input: $input) { id } }',
      variables: { input: { userName: 'x', password: 'hunter2-secret', pasword: 1 } },
    },
    {
      name: 'an unknown enum value in a filter',
      query: 'query ($f: Filter) { users(filter: $f) { nodes { id } } }',
      variables: { f: { condition: { attribute: 'userName', op: 'UP', value: 'x' } } },
    },
    { name: 'an invalid argument', query: '{ user(id: "42") { id } }', variables: {} },
    {
      name: 'an invalid filter shape',
      query:
        '{ users(filter: { and: [{ condition: { attribute: "title", op: PR }, not: { condition: { attribute: "title", op: PR } } }] }) { nodes { id } } }',
      variables: {},
    },
    {
      name: 'values the schema does not allow',
      query:
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { active } } a: _entities(representations: $r) { ... on User { userName } } }',
      variables: { r: [reference(ann.id), reference(broken.id)] },
    },
  ])('answers $name as graphql-js does', async ({ query, variables }) => {
    const { services } = stubServices({ users: [ann, bob, broken] });
    const document = parse(query);
    const sut = compileOperation(schema, document);
    expect(sut).not.toBeNull();
    const context = () => createGraphqlContext(services, requestContext());
    const expected = await execute({ schema, document, variableValues: variables, contextValue: context() });
    expect(observed(await sut!(context(), variables))).toEqual(observed(expected));
  });

  it('answers failing fields as graphql-js does: the domain error, the hidden one, the data that did resolve', async () => {
    const document = parse(
      '\n  query ($r: [_Any!]!, $id: ID!) {\n    users { totalCount }\n    user(id: $id) { id }\n    _entities(representations: $r) { ... on User { id } }\n  }',
    );
    const variables = { r: [reference(ann.id)], id: ann.id };
    const context = () => createGraphqlContext(failing(), requestContext());
    const expected = await execute({ schema, document, variableValues: variables, contextValue: context() });
    const actual = await compileOperation(schema, document)!(context(), variables);
    expect(actual.errors).toHaveLength(2);
    expect(observed(actual)).toEqual(observed(expected));
  });

  it('runs the named operation of several, and none that is not there', async () => {
    const document = parse('query A { users { totalCount } } query B { users { nodes { userName } } }');
    const { services } = stubServices({ users: [ann] });
    const result = await compileOperation(schema, document, 'B')!(
      createGraphqlContext(services, requestContext()),
      {},
    );
    expect(result).toEqual({ data: { users: { nodes: [{ userName: 'ann' }] } } });
    expect(compileOperation(schema, document, 'C')).toBeNull();
    expect(compileOperation(schema, document)).toBeNull();
  });
});
