import { ValidationError } from 'class-validator';
import { buildSchema, graphql, GraphQLError, Kind, locatedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { DomainErrorCode } from '../../../src/errors';
import { DOMAIN_ERROR_CODES, DomainError } from '../../../src/errors';
import { formatError, INTERNAL_MESSAGE } from '../../../src/graphql/format-error';

/** An error as graphql-js hands it to Apollo when a resolver at `path` threw `error`. */
const thrownAt = (error: unknown, path: (string | number)[] = ['user']) =>
  locatedError(error, [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'user' } }], path);

const format = (error: unknown) => formatError({ message: 'ignored', path: ['user'] }, error);

describe('formatError', () => {
  describe('domain errors keep their code', () => {
    const messages: Record<DomainErrorCode, string> = {
      NOT_FOUND: 'User 1 was not found',
      CONFLICT: 'userName is taken',
      VERSION_CONFLICT: 'User 1 was changed by another request; read it again and retry',
      BAD_USER_INPUT: 'userName is required',
      UNAUTHENTICATED: 'Authentication required',
      FORBIDDEN: 'This operation needs a token with write permission',
      RATE_LIMITED: 'Too many requests',
      UNAVAILABLE: 'Service temporarily unavailable; retry later',
      INTERNAL: INTERNAL_MESSAGE,
    };

    it.each(DOMAIN_ERROR_CODES.map((code) => ({ code })))('$code', ({ code }) => {
      const error = new DomainError(
        code,
        code === 'UNAVAILABLE' || code === 'INTERNAL' ? 'pool exhausted at db:3306' : messages[code],
        {
          field: 'userName',
          reason: 'uniqueness',
          ids: ['secret-detail'],
        },
      );
      expect(format(thrownAt(error))).toEqual({
        message: messages[code],
        path: ['user'],
        extensions: { code, field: 'userName', reason: 'uniqueness' },
      });
    });

    it('omits field and reason when the domain named none', () => {
      expect(format(thrownAt(new DomainError('NOT_FOUND', 'gone'))).extensions).toEqual({
        code: 'NOT_FOUND',
      });
    });

    it('finds a domain error thrown outside execution (no path)', () => {
      expect(format(new DomainError('FORBIDDEN', 'no')).extensions).toEqual({ code: 'FORBIDDEN' });
    });
  });

  describe('request errors become BAD_USER_INPUT with their message', () => {
    it.each([
      { code: 'GRAPHQL_PARSE_FAILED', message: 'Syntax Error: Expected Name, found "}".' },
      { code: 'GRAPHQL_VALIDATION_FAILED', message: 'Cannot query field "password" on type "User".' },
      { code: 'BAD_USER_INPUT', message: 'Variable "$id" of required type "ID!" was not provided.' },
      { code: 'BAD_REQUEST', message: 'GraphQL operations must contain a non-empty `query`' },
      { code: 'OPERATION_RESOLUTION_FAILURE', message: 'Unknown operation named "Nope".' },
      { code: 'INTROSPECTION_DISABLED', message: 'GraphQL introspection is not allowed' },
    ])('$code', ({ code, message }) => {
      expect(format(new GraphQLError(message, { extensions: { code } }))).toEqual({
        message,
        path: ['user'],
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('variable coercion errors name the variable and the path, never the value', () => {
    const schema = buildSchema(`
      input Login { name: String!, password: String, tags: [String!] }
      type Query { ok: Boolean }
      type Mutation { login(input: Login!): Boolean }
    `);
    /** The error graphql-js raises for these variables, coded as Apollo Server hands it on. */
    const coercionError = async (input: unknown): Promise<GraphQLError> => {
      const result = await graphql({
        schema,
        source: 'mutation($input: Login!) { login(input: $input) }',
        variableValues: { input },
      });
      const [error] = result.errors!;
      expect(error!.message).toContain('got invalid value');
      return new GraphQLError(error!.message, {
        originalError: error!.originalError,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    };

    it.each([
      {
        name: 'an unknown field beside the password',
        input: { name: 'ann', password: 'hunter2-secret', pasword: 'hunter2-secret' },
        message: 'Variable "$input" got an invalid value: Field "pasword" is not defined by type "Login".',
      },
      {
        name: 'a password of the wrong type',
        input: { name: 'ann', password: ['hunter2-secret'] },
        message:
          'Variable "$input" got an invalid value at "input.password": String cannot represent a non string value',
      },
      {
        name: 'a missing required field',
        input: { password: 'hunter2-secret' },
        message:
          'Variable "$input" got an invalid value: Field "name" of required type "String!" was not provided.',
      },
      {
        name: 'a bad list item',
        input: { name: 'ann', password: 'hunter2-secret', tags: ['a', { hunter2: 'secret' }] },
        message:
          'Variable "$input" got an invalid value at "input.tags[1]": String cannot represent a non string value',
      },
      {
        name: 'not an object at all',
        input: 'hunter2-secret',
        message: 'Variable "$input" got an invalid value: Expected type "Login" to be an object.',
      },
    ])('$name', async ({ input, message }) => {
      const formatted = format(await coercionError(input));

      expect(formatted).toEqual({ message, path: ['user'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(JSON.stringify(formatted)).not.toContain('hunter2');
    });
  });

  it('argument validation errors become BAD_USER_INPUT naming the field', () => {
    const invalid = Object.assign(new ValidationError(), {
      property: 'first',
      constraints: { max: 'first must not be greater than 1000' },
      children: [],
    });
    expect(format(thrownAt(new ArgumentValidationError([invalid])))).toEqual({
      message: 'first: first must not be greater than 1000',
      path: ['user'],
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it.each([
    { property: 'filter', reason: 'invalidFilter' },
    { property: 'orderBy', reason: 'invalidSort' },
    { property: 'after', reason: 'invalidCursor' },
  ])('argument validation errors of $property carry the reason $reason', ({ property, reason }) => {
    const invalid = Object.assign(new ValidationError(), {
      property,
      constraints: { bad: `${property} is malformed` },
      children: [],
    });
    expect(format(thrownAt(new ArgumentValidationError([invalid]))).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: property,
      reason,
    });
  });

  describe('anything else is INTERNAL and tells the client nothing', () => {
    it.each([
      {
        name: 'a plain Error from a resolver',
        error: thrownAt(new Error('SQLITE_ERROR: no such table: users')),
      },
      {
        name: 'a TypeError from a resolver',
        error: thrownAt(new TypeError("Cannot read properties of undefined (reading 'id')")),
      },
      {
        name: 'a GraphQLError with a client code raised inside execution',
        error: thrownAt(new GraphQLError('SELECT * FROM users', { extensions: { code: 'BAD_USER_INPUT' } })),
      },
      {
        name: 'an uncoded GraphQLError',
        error: new GraphQLError('Context creation failed: ECONNREFUSED 10.0.0.5'),
      },
      { name: 'a thrown string', error: 'boom' },
    ])('$name', ({ error }) => {
      expect(format(error)).toEqual({
        message: INTERNAL_MESSAGE,
        path: ['user'],
        extensions: { code: 'INTERNAL' },
      });
    });
  });
});
