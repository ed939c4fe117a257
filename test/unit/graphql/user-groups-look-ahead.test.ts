import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { parse, visit } from 'graphql';
import { buildIdentitySchema } from '../../../src/graphql/build-schema';
import { selectsGroupsOfUser, selectsGroupsOfUsers } from '../../../src/graphql/user-groups-look-ahead';

/** The resolve info of the document's `field` field, as far as the decision reads it. */
function infoOf(
  schema: GraphQLSchema,
  source: string,
  field: string,
  variableValues: Record<string, unknown>,
): GraphQLResolveInfo {
  const document = parse(source);
  const fieldNodes: FieldNode[] = [];
  const fragments: Record<string, FragmentDefinitionNode> = {};
  visit(document, {
    Field: (node) => void (node.name.value === field && fieldNodes.push(node)),
    FragmentDefinition: (node) => void (fragments[node.name.value] = node),
  });
  return { schema, fieldNodes, fragments, variableValues } as unknown as GraphQLResolveInfo;
}

const CASES: { name: string; source: string; variables?: Record<string, unknown>; expected: boolean }[] = [
  { name: 'user(id) without groups', source: '{ user(id: "x") { id userName } }', expected: false },
  { name: 'user(id) with groups', source: '{ user(id: "x") { id groups { direct } } }', expected: true },
  { name: 'aliased groups', source: '{ user(id: "x") { g: groups { direct } } }', expected: true },
  {
    name: "the SCIM facade's document, with groups",
    source:
      'query($w: Boolean!) { user(id: "x") { ...S } } fragment S on User { id groups @include(if: $w) { direct } }',
    variables: { w: true },
    expected: true,
  },
  {
    name: "the SCIM facade's document, without groups",
    source:
      'query($w: Boolean!) { user(id: "x") { ...S } } fragment S on User { id groups @include(if: $w) { direct } }',
    variables: { w: false },
    expected: false,
  },
  {
    name: 'a spread skipped by a variable',
    source:
      'query($s: Boolean!) { user(id: "x") { ...S @skip(if: $s) } } fragment S on User { groups { direct } }',
    variables: { s: true },
    expected: false,
  },
  {
    name: 'groups selected twice, once included',
    source: '{ user(id: "x") { groups @skip(if: true) { direct } ... on User { groups { direct } } } }',
    expected: true,
  },
  {
    name: 'groups on a Group, not on the user',
    source: '{ user(id: "x") { id } group(id: "y") { displayName } }',
    expected: false,
  },
  { name: 'users nodes', source: '{ users(first: 5) { nodes { groups { direct } } } }', expected: true },
  {
    name: 'users edges',
    source: '{ users(first: 5) { edges { node { groups { direct } } } } }',
    expected: true,
  },
  {
    name: 'users through a fragment on the connection',
    source:
      '{ users(first: 5) { ...C } } fragment C on UserConnection { nodes { ...U } } fragment U on User { groups { direct } }',
    expected: true,
  },
  {
    name: 'users without groups',
    source: '{ users(first: 5) { totalCount nodes { id } } }',
    expected: false,
  },
  {
    name: 'users with nodes excluded',
    source: 'query($g: Boolean!) { users(first: 5) { nodes @include(if: $g) { groups { direct } } } }',
    variables: { g: false },
    expected: false,
  },
];

describe('whether a query for users selects their groups', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  it.each(CASES)('$name: $expected', ({ source, variables = {}, expected }) => {
    const listed = source.includes('users(');
    const info = infoOf(schema, source, listed ? 'users' : 'user', variables);
    expect((listed ? selectsGroupsOfUsers : selectsGroupsOfUser)(info)).toBe(expected);
  });

  it('decides once per document, and per request from its variables', () => {
    const source =
      'query($w: Boolean!) { user(id: "x") { ...S } } fragment S on User { id groups @include(if: $w) { direct } }';
    const info = infoOf(schema, source, 'user', { w: true });
    expect(selectsGroupsOfUser(info)).toBe(true);
    expect(selectsGroupsOfUser({ ...info, variableValues: { w: false } })).toBe(false);
    expect(selectsGroupsOfUser({ ...info, variableValues: { w: true } })).toBe(true);
  });
});
