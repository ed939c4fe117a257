import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from '../../../src/errors';
import { buildIdentitySchema } from '../../../src/graphql/build-schema';
import type { GraphqlContext } from '../../../src/graphql/context';
import { createGraphqlContext } from '../../../src/graphql/context';
import { createGraphqlServer } from '../../../src/graphql/graphql-server';
import { aUser, requestContext, stubServices } from './stub-services';

type Services = ReturnType<typeof stubServices>['services'];

describe('the GraphQL server', () => {
  let sut: ApolloServer<GraphqlContext>;
  const logger = { error: jest.fn(), warn: jest.fn() };
  let services: Services;

  beforeAll(async () => {
    sut = await createGraphqlServer({ schema: await buildIdentitySchema(), logger, introspection: false });
  });
  afterAll(() => sut.stop());
  beforeEach(() => {
    logger.error.mockReset();
    logger.warn.mockReset();
    services = stubServices({ users: [aUser({ userName: 'ann' })] }).services;
  });

  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await sut.executeOperation(
      { query, variables },
      { contextValue: createGraphqlContext(services, requestContext()) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { status: response.http.status, data, errors: errors as GraphQLFormattedError[] | undefined };
  }

  /** Exactly one error, with this code, and never INTERNAL unless asked (STYLE §27). */
  function oneError(result: { errors?: readonly GraphQLFormattedError[] }, code: string) {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe(code);
    return result.errors![0];
  }

  it.each([
    { name: 'a syntax error', query: '{ user(id: "x") { id }' },
    { name: 'an unknown field', query: '{ users { nodes { password } } }', mentions: 'password' },
    { name: 'a wrong argument type', query: '{ users(first: "ten") { nodes { id } } }', field: 'first' },
    {
      name: 'an object as a FilterValue',
      query:
        '{ users(filter: { condition: { attribute: "userName", op: EQ, value: { a: 1 } } }) { nodes { id } } }',
      field: 'filter.condition.value',
    },
    {
      name: 'an unknown enum value',
      query: '{ users(orderBy: { attribute: "userName", direction: UP }) { nodes { id } } }',
      field: 'orderBy.direction',
    },
    { name: 'introspection when it is off', query: '{ __schema { types { name } } }' },
  ])('answers $name with BAD_USER_INPUT', async ({ query, mentions, field }) => {
    const result = await run(query);
    const error = oneError(result, 'BAD_USER_INPUT');
    if (mentions) expect(error.message).toContain(mentions);
    if (field) {
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toContain(field);
    }
    expect(result.status).toBe(400);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT naming the variable', async () => {
    const result = await run('query ($f: Int) { users(first: $f) { nodes { id } } }', { f: 'ten' });
    expect(oneError(result, 'BAD_USER_INPUT').message).toContain('$f');
  });

  it('answers a user id that is not a UUID with BAD_USER_INPUT naming the argument', async () => {
    const result = await run('{ user(id: "42") { id } }');
    expect(oneError(result, 'BAD_USER_INPUT').extensions?.field).toBe('id');
  });

  it('answers a filter object with two fields set with BAD_USER_INPUT naming its path', async () => {
    const result = await run(
      '{ users(filter: { and: [{ condition: { attribute: "title", op: PR }, not: { condition: { attribute: "title", op: PR } } }] }) { nodes { id } } }',
    );
    expect(oneError(result, 'BAD_USER_INPUT').extensions?.field).toBe('filter.and[0]');
  });

  it('hides an unexpected error behind INTERNAL and logs it once, without the variables', async () => {
    const failure = new Error('SQLITE_ERROR: no such column: password_hash');
    services.users.create = jest.fn().mockRejectedValue(failure);
    const result = await run('mutation ($input: UserInput!) { createUser(input: $input) { id } }', {
      input: { userName: 'bob', password: 'hunter2-secret' },
    });
    const error = oneError(result, 'INTERNAL');
    expect(error.message).toBe('Internal server error');
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(logger.error).toHaveBeenCalledTimes(1);
    const [fields] = logger.error.mock.calls[0];
    expect(fields).toMatchObject({ err: failure, requestId: 'req-1', code: 'INTERNAL' });
    expect(JSON.stringify(fields)).not.toContain('hunter2-secret');
  });

  it('answers 503 when the database is unavailable', async () => {
    services.users.count = jest
      .fn()
      .mockRejectedValue(new DomainError('UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.5:3306'));
    const result = await run('{ users { totalCount } }');
    expect(oneError(result, 'UNAVAILABLE').message).not.toContain('10.0.0.5');
    expect(result.status).toBe(503);
    // The operator learns the cause, at warn (an outage is not a bug), once per window.
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ cause: expect.stringContaining('ECONNREFUSED 10.0.0.5:3306') }),
      expect.stringContaining('503'),
    );
    await run('{ users { totalCount } }');
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('keeps status 200 for a domain error on one field, with the data that did resolve', async () => {
    services.users.count = jest
      .fn()
      .mockRejectedValue(new DomainError('FORBIDDEN', 'This operation needs a token with read permission'));
    const result = await run('{ users { nodes { userName } totalCount } }');
    oneError(result, 'FORBIDDEN');
    expect(result.status ?? 200).toBe(200);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
