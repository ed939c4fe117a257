import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { isObjectType, parse, visit } from 'graphql';
import { USER_SUMMARY_FIELDS } from '../../../../src/domain/users/user';
import { buildIdentitySchema } from '../../../../src/graphql/build-schema';
import { SUMMARY_USER_FIELDS, userReferenceView } from '../../../../src/graphql/references/user.reference';

/** The resolve info of the document's `_entities` field, as far as the decision reads it. */
function infoOf(schema: GraphQLSchema, source: string): GraphQLResolveInfo {
  const document = parse(source);
  const fieldNodes: FieldNode[] = [];
  const fragments: Record<string, FragmentDefinitionNode> = {};
  visit(document, {
    Field: (node) => void (node.name.value === '_entities' && fieldNodes.push(node)),
    FragmentDefinition: (node) => void (fragments[node.name.value] = node),
  });
  return { schema, fieldNodes, fragments } as unknown as GraphQLResolveInfo;
}

const entities = (selection: string, fragments = '') =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } } ${fragments}`;

const CASES: { name: string; source: string; expected: 'summary' | 'full' }[] = [
  {
    name: "the benchmark's selection",
    source: entities(
      '... on User { id userName displayName active name { givenName familyName } emails { value type primary } }',
    ),
    expected: 'summary',
  },
  {
    name: "the gateway's buyer fetch",
    source: entities('... on User { userName emails { value } }'),
    expected: 'summary',
  },
  { name: '__typename alone', source: entities('__typename'), expected: 'summary' },
  {
    name: 'aliased summary fields',
    source: entities('... on User { login: userName v: version createdAt updatedAt externalId }'),
    expected: 'summary',
  },
  {
    name: 'a field outside the summary',
    source: entities('... on User { userName title }'),
    expected: 'full',
  },
  {
    name: 'a field with its own resolver',
    source: entities('... on User { groups { direct } }'),
    expected: 'full',
  },
  {
    name: 'the enterprise extension',
    source: entities('... on User { enterprise { department } }'),
    expected: 'full',
  },
  { name: 'extension values', source: entities('... on User { extensions }'), expected: 'full' },
  {
    name: 'a named fragment with a summary field',
    source: entities('...U', 'fragment U on User { userName }'),
    expected: 'summary',
  },
  {
    name: 'a named fragment with another field',
    source: entities('...U', 'fragment U on User { nickName }'),
    expected: 'full',
  },
  {
    name: 'a fragment nested in a fragment',
    source: entities('...U', 'fragment U on User { ...V } fragment V on User { phoneNumbers { value } }'),
    expected: 'full',
  },
  {
    name: 'a fragment on the union',
    source: entities('...E', 'fragment E on _Entity { ... on User { locale } }'),
    expected: 'full',
  },
  {
    name: "a Group's fields, which no User has",
    source: entities('... on User { id } ... on Group { displayName members { totalCount } }'),
    expected: 'summary',
  },
  {
    name: 'an inline fragment without a type',
    source: entities('... on User { ... @include(if: true) { timezone } }'),
    expected: 'full',
  },
  {
    name: 'a field under @skip, which may still be selected',
    source: entities('... on User { id title @skip(if: true) }'),
    expected: 'full',
  },
  { name: 'a spread of a fragment the document lacks', source: entities('...Missing'), expected: 'full' },
];

describe('which read a User reference needs', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildIdentitySchema();
  });

  it.each(CASES)('$name: $expected', ({ source, expected }) => {
    expect(userReferenceView(infoOf(schema, source))).toBe(expected);
  });

  it('answers from a summary only fields of User that a summary holds, each read as a plain property', () => {
    const user = schema.getType('User');
    if (!isObjectType(user)) throw new Error('User is not an object type');
    const fields = user.getFields();
    for (const name of SUMMARY_USER_FIELDS) {
      if (name === '__typename') continue;
      expect((USER_SUMMARY_FIELDS as readonly string[]).includes(name)).toBe(true);
      expect(fields[name]).toBeDefined();
      // No resolver of its own: what the field answers is the summary's property of that name.
      expect(fields[name].resolve).toBeUndefined();
    }
  });
});
