import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { buildIdentitySchema } from '../../../src/graphql/build-schema';
import { compiledExecution } from '../../../src/graphql/compiled-execution';
import type { GraphqlContext } from '../../../src/graphql/context';
import { createGraphqlContext } from '../../../src/graphql/context';
import { formatError } from '../../../src/graphql/format-error';
import { aUser, requestContext, stubServices } from './stub-services';

// graphql-js's `execute` and graphql-jit's `compileQuery`, counted.
jest.mock('graphql', () => {
  const actual = jest.requireActual<typeof import('graphql')>('graphql');
  return { ...actual, execute: jest.fn(actual.execute) };
});
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof import('graphql-jit')>('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
import { execute } from 'graphql';
import { compileQuery } from 'graphql-jit';

const ann = aUser({ userName: 'ann' });

interface Request {
  readonly query: string;
  readonly operationName?: string;
  readonly variables?: Record<string, unknown>;
}

/**
 * The GraphQL endpoint's Apollo Server runs operations through `compiledExecution`: every answer,
 * HTTP status included, must be the one Apollo's own execution (graphql-js) gives.
 */
describe('compiled execution behind Apollo Server', () => {
  let schema: GraphQLSchema;
  let apolloExecution: ApolloServer<GraphqlContext>;
  let sut: ApolloServer<GraphqlContext>;
  const interpreted = execute as jest.MockedFunction<typeof execute>;
  const compiles = compileQuery as jest.MockedFunction<typeof compileQuery>;

  beforeAll(async () => {
    schema = await buildIdentitySchema();
    apolloExecution = new ApolloServer<GraphqlContext>({ schema, formatError });
    sut = new ApolloServer<GraphqlContext>({ gateway: compiledExecution(schema, 2), formatError });
    await Promise.all([apolloExecution.start(), sut.start()]);
  });
  afterAll(() => Promise.all([apolloExecution.stop(), sut.stop()]));
  beforeEach(() => {
    interpreted.mockClear();
    compiles.mockClear();
  });

  async function answer(server: ApolloServer<GraphqlContext>, request: Request) {
    const { services } = stubServices({ users: [ann] });
    const response = await server.executeOperation(request, {
      contextValue: createGraphqlContext(services, requestContext()),
    });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  }

  it.each<{ name: string; request: Request }>([
    { name: 'a query', request: { query: '{ users { totalCount nodes { userName } } }' } },
    {
      name: 'entities',
      request: {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { userName } } }',
        variables: { r: [{ __typename: 'User', id: ann.id }] },
      },
    },
    {
      name: 'a variable of the wrong type',
      request: { query: 'query ($f: Int) { users(first: $f) { nodes { id } } }', variables: { f: 'ten' } },
    },
    {
      name: 'a password beside a typo',
      request: {
        query: 'mutation ($input: UserInput!) { createUser(input: $input) { id } }',
        variables: { input: { userName: 'x', password: 'hunter2-secret', pasword: 1 } },
      },
    },
    { name: 'a missing required variable', request: { query: 'query ($id: ID!) { user(id: $id) { id } }' } },
    { name: 'an invalid argument', request: { query: '{ user(id: "42") { id } }' } },
    {
      name: 'an unknown operation name',
      request: { query: 'query A { users { totalCount } }', operationName: 'B' },
    },
    {
      name: 'two operations and no name',
      request: { query: 'query A { users { totalCount } } query B { users { totalCount } }' },
    },
    {
      name: 'the named one of two operations',
      request: {
        query: 'query A { users { totalCount } } query B { users { nodes { userName } } }',
        operationName: 'B',
      },
    },
  ])('answers $name as Apollo Server executing with graphql-js does, on every call', async ({ request }) => {
    const expected = await answer(apolloExecution, request);
    expect(await answer(sut, request)).toEqual(expected);
    expect(await answer(sut, request)).toEqual(expected);
  });

  it('runs every operation compiled, compiling each once', async () => {
    const request = { query: '{ users { nodes { userName active } } }' };
    for (let i = 0; i < 3; i++) await answer(sut, request);
    expect(interpreted).not.toHaveBeenCalled();
    expect(compiles).toHaveBeenCalledTimes(1);
  });

  it('keeps a bounded number of compiled operations, dropping the least recently used', async () => {
    const operation = (name: string) => ({ query: `query ${name} { users { totalCount } }` });
    for (const name of ['A', 'B', 'A', 'C', 'A']) await answer(sut, operation(name));
    expect(compiles).toHaveBeenCalledTimes(3);
    await answer(sut, operation('B'));
    expect(compiles).toHaveBeenCalledTimes(4);
  });
});
