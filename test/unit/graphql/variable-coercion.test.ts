import fc from 'fast-check';
import type { GraphQLInputType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import {
  getNamedType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
} from 'graphql';
import { buildIdentitySchema } from '../../../src/graphql/build-schema';
import { compileVariableCoercion } from '../../../src/graphql/variable-coercion';

const USER = {
  userName: 'ann@example.com',
  externalId: '00u1',
  active: true,
  displayName: 'Ann',
  name: { givenName: 'Ann', familyName: 'Lee' },
  emails: [{ value: 'ann@example.com', display: null, type: 'work', primary: true }],
  phoneNumbers: [],
  addresses: [{ locality: 'Oslo', primary: false }],
  enterprise: null,
  extensions: { 'urn:example:ext': { costCenter: 'x' } },
};

const CREATE = 'mutation ($input: UserInput!, $withGroups: Boolean!) { createUser(input: $input) { id } }';
const REPLACE =
  'mutation ($id: ID!, $input: UserInput!, $expectedVersion: Int) { replaceUser(id: $id, input: $input, expectedVersion: $expectedVersion) { id } }';
const LIST =
  'query ($filter: Filter, $first: Int = 10, $after: String) { users(filter: $filter, first: $first, after: $after) { nodes { id } } }';
const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/**
 * The compiled coercion must give what graphql-js's `getVariableValues` gives for every value
 * graphql-js accepts, and give up (undefined: graphql-js then coerces and words the errors) for
 * every value it refuses.
 */
describe('compiled variable coercion', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  const definitionsOf = (query: string) =>
    (parse(query).definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  const graphqlJs = (query: string, inputs: Record<string, unknown>) =>
    getVariableValues(schema, definitionsOf(query), inputs, { maxErrors: 50 });
  const sut = (query: string) => compileVariableCoercion(schema, definitionsOf(query))!;

  it.each([
    { name: 'a whole SCIM user', query: CREATE, inputs: { input: USER, withGroups: false } },
    {
      name: 'an ID, an Int and a null for a nullable variable',
      query: REPLACE,
      inputs: { id: '0190a4f6-0000-7000-8000-000000000000', input: USER, expectedVersion: null },
    },
    { name: 'an integer ID (graphql-js makes it a string)', query: REPLACE, inputs: { id: 7, input: USER } },
    {
      name: 'a recursive filter with enums, and a variable default',
      query: LIST,
      inputs: {
        filter: {
          or: [
            { condition: { attribute: 'userName', op: 'EQ', value: 'ann' } },
            { not: { condition: { attribute: 'active', op: 'EQ', value: true } } },
          ],
        },
      },
    },
    {
      name: 'a single value for a list (a list of one)',
      query: CREATE,
      inputs: { input: { userName: 'ann', emails: { value: 'a@example.com' } }, withGroups: true },
    },
    {
      name: 'an explicit undefined for a nullable field and variable',
      query: LIST,
      inputs: { filter: undefined, after: undefined, first: 5 },
    },
    { name: 'federation representations', query: ENTITIES, inputs: { r: [{ __typename: 'User', id: 'x' }] } },
  ])('coerces $name as graphql-js does', ({ query, inputs }) => {
    const expected = graphqlJs(query, inputs);
    expect(expected.errors).toBeUndefined();
    expect(sut(query)(inputs)).toEqual(expected.coerced);
  });

  it.each([
    { name: 'a missing required variable', query: CREATE, inputs: { input: USER } },
    { name: 'a null required variable', query: CREATE, inputs: { input: null, withGroups: true } },
    {
      name: 'an unknown input field',
      query: CREATE,
      inputs: { input: { ...USER, pasword: 'x' }, withGroups: true },
    },
    {
      name: 'a missing required input field',
      query: CREATE,
      inputs: { input: { displayName: 'Ann' }, withGroups: true },
    },
    {
      name: 'a string for a Boolean',
      query: CREATE,
      inputs: { input: { ...USER, active: 'yes' }, withGroups: true },
    },
    { name: 'a fraction for an Int', query: REPLACE, inputs: { id: 'x', input: USER, expectedVersion: 1.5 } },
    {
      name: 'an unknown enum value',
      query: LIST,
      inputs: { filter: { condition: { attribute: 'userName', op: 'UP', value: 'x' } } },
    },
    { name: 'a list for an input object', query: CREATE, inputs: { input: [USER], withGroups: true } },
    {
      name: 'a Set for a list',
      query: CREATE,
      inputs: { input: { ...USER, emails: new Set() }, withGroups: true },
    },
    { name: 'a null item of a non-null list', query: ENTITIES, inputs: { r: [null] } },
  ])('leaves $name to graphql-js', ({ query, inputs }) => {
    expect(sut(query)(inputs)).toBeUndefined();
  });

  it('agrees with graphql-js on generated values, valid and not', () => {
    for (const query of [CREATE, REPLACE, LIST]) {
      const definitions = definitionsOf(query);
      const variables = fc.record(
        Object.fromEntries(
          definitions.map((d) => [
            d.variable.name.value,
            valueOf(typeFromAST(schema, d.type) as GraphQLInputType, 3),
          ]),
        ),
        {
          requiredKeys: definitions
            .filter((d) => d.type.kind === Kind.NON_NULL_TYPE)
            .map((d) => d.variable.name.value),
        },
      );
      const coerce = sut(query);
      fc.assert(
        fc.property(variables, (inputs) => {
          const expected = graphqlJs(query, inputs);
          const actual = coerce(inputs);
          if (expected.errors) expect(actual).toBeUndefined();
          // Given up on a valid value: allowed (graphql-js then coerces), but not for plain JSON data.
          else expect(actual).toEqual(expected.coerced);
        }),
        { numRuns: 200 },
      );
    }
  });
});

const RARE = 200;

/** Values of the type, but about one node in two hundred is a wrong value, a missing or an unknown field. */
function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const rarely = (valid: fc.Arbitrary<unknown>, ...wrong: fc.Arbitrary<unknown>[]) =>
    fc.oneof({ arbitrary: valid, weight: RARE }, ...wrong);
  if (isNonNullType(type))
    return rarely(
      valueOf(type.ofType, depth).filter((v) => v !== null),
      fc.constant(null),
    );
  const value = (): fc.Arbitrary<unknown> => {
    if (isListType(type))
      return fc.oneof(
        { arbitrary: fc.array(valueOf(type.ofType, depth - 1), { maxLength: 2 }), weight: 4 },
        valueOf(type.ofType, depth - 1),
      );
    const named = getNamedType(type);
    if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((v) => v.name));
    if (isInputObjectType(named)) {
      if (depth <= 0) return fc.constant(null);
      const fields = Object.values(named.getFields());
      const record = fc.record(
        Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth - 1)])),
        { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
      );
      return rarely(
        record,
        record.map((v) => ({ ...v, unknownField: 1 })),
        record.map((v) => Object.fromEntries(Object.entries(v).slice(1))),
      );
    }
    switch (named.name) {
      case 'String':
        return fc.string({ maxLength: 4 });
      case 'ID':
        return fc.oneof(fc.string({ maxLength: 4 }), fc.integer());
      case 'Int':
        return fc.integer();
      case 'Boolean':
        return fc.boolean();
      case 'JSONObject':
        return fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  };
  return fc.oneof(
    { arbitrary: rarely(value(), fc.jsonValue({ maxDepth: 1 })), weight: 6 },
    fc.constant(null),
  );
}
