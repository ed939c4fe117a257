import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { getOperationAST, parse } from 'graphql';
import { buildIdentitySchema } from '../../../../src/graphql/build-schema';
import { representationProblem } from '../../../../src/graphql/limits/entity-representations';

const ENTITIES = `query Entities($reps: [_Any!]!) {
  ...Outer
}
fragment Outer on Query { ...Inner }
fragment Inner on Query { _entities(representations: $reps) { __typename } }`;

describe('representationProblem', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  const problemOf = (document: ReturnType<typeof parse>, variables: Record<string, unknown>) =>
    representationProblem(schema, document, getOperationAST(document) as OperationDefinitionNode, variables);

  it('judges each request of one parsed document by its own variables, in fragments spread by fragments too', () => {
    const sut = parse(ENTITIES);
    const good = { reps: [{ __typename: 'User', id: 'a' }] };
    expect(problemOf(sut, good)).toBeUndefined();
    expect(problemOf(sut, { reps: [{ __typename: 'User', id: 'a' }, { __typename: 'User' }] })).toBe(
      'representations[1].id must be a string',
    );
    expect(problemOf(sut, { reps: [{ __typename: 'Order', id: 'a' }] })).toMatch(
      /^representations\[0\]\.__typename must be one of /,
    );
    expect(problemOf(sut, good)).toBeUndefined();
  });

  it('reads representations written inline, with variables inside them', () => {
    const sut = parse(
      'query ($id: String) { _entities(representations: [{ __typename: "User", id: $id }]) { __typename } }',
    );
    expect(problemOf(sut, { id: 'a' })).toBeUndefined();
    expect(problemOf(sut, { id: 7 })).toBe('representations[0].id must be a string');
  });

  it('reports the first problem in document order: the operation before the fragments it spreads', () => {
    const sut = parse(`query ($a: [_Any!]!, $b: [_Any!]!) {
      ...F
      first: _entities(representations: $a) { __typename }
    }
    fragment F on Query { second: _entities(representations: $b) { __typename } }`);
    expect(problemOf(sut, { a: [1], b: [{ __typename: 'User' }] })).toBe(
      'representations[0] must be an object',
    );
    expect(problemOf(sut, { a: [], b: [{ __typename: 'User' }] })).toBe(
      'representations[0].id must be a string',
    );
  });
});
