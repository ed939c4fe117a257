import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  ValueNode,
} from 'graphql';
import { isUnionType, Kind, valueFromASTUntyped, visit } from 'graphql';

/**
 * `_entities` takes `[_Any!]!`: any JSON passes GraphQL's own validation. Before execution, every
 * representation must be an object naming an entity type (`__typename`, a member of `_Entity`) and
 * carrying a string `id` — otherwise @apollo/subgraph throws a plain Error from inside execution,
 * which would surface as INTERNAL. Returns the first problem as a client-safe message. The fragments
 * the operation spreads are checked too: `_entities` may sit in one.
 */
export function representationProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): string | undefined {
  const entities = entityNamesOf(schema);
  if (!entities) return undefined;
  let problem: string | undefined;
  for (const argument of representationArguments(document, operation)) {
    const value = valueOf(argument, variables);
    if (value === undefined || value === null) continue;
    // Input coercion turns a single value into a list of one.
    const representations = Array.isArray(value) ? value : [value];
    representations.forEach((representation, i) => {
      problem ??= problemOf(representation, entities, i);
    });
  }
  return problem;
}

/** The names of the schema's entity types (members of `_Entity`); null when it has none. */
const entityNames = new WeakMap<GraphQLSchema, ReadonlySet<string> | null>();

function entityNamesOf(schema: GraphQLSchema): ReadonlySet<string> | null {
  let names = entityNames.get(schema);
  if (names === undefined) {
    const entityType = schema.getType('_Entity');
    names = isUnionType(entityType) ? new Set(entityType.getTypes().map((type) => type.name)) : null;
    entityNames.set(schema, names);
  }
  return names;
}

/**
 * Each operation's `representations` arguments, per document: Apollo Server hands every request of
 * one query text the same parsed document, so the walk over it (a third of an `_entities` request's
 * own checks) is done once, and each request only reads its variables.
 */
const argumentsOf = new WeakMap<DocumentNode, Map<OperationDefinitionNode, readonly ValueNode[]>>();

/** The `representations` arguments of `_entities` fields: the operation's, then those of each fragment it spreads. */
function representationArguments(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): readonly ValueNode[] {
  let byOperation = argumentsOf.get(document);
  if (!byOperation) argumentsOf.set(document, (byOperation = new Map()));
  let found = byOperation.get(operation);
  if (found) return found;
  const values: ValueNode[] = [];
  for (const definition of [operation, ...fragmentsSpreadBy(document, operation)]) {
    visit(definition, {
      Field(node) {
        if (node.name.value !== '_entities') return;
        const argument = node.arguments?.find((a) => a.name.value === 'representations');
        if (argument) values.push(argument.value);
      },
    });
  }
  byOperation.set(operation, (found = values));
  return found;
}

/** The fragment definitions reachable from the operation, each once (validation has refused cycles). */
function fragmentsSpreadBy(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  const reached = new Map<string, FragmentDefinitionNode>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (!fragment || reached.has(fragment.name.value)) return;
        reached.set(fragment.name.value, fragment);
        walk(fragment);
      },
    });
  walk(operation);
  return [...reached.values()];
}

function valueOf(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  return node.kind === Kind.VARIABLE ? variables[node.name.value] : valueFromASTUntyped(node, variables);
}

function problemOf(representation: unknown, entities: ReadonlySet<string>, i: number): string | undefined {
  const at = `representations[${i}]`;
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
    return `${at} must be an object`;
  const { __typename: typename, id } = representation as { __typename?: unknown; id?: unknown };
  if (typeof typename !== 'string' || !entities.has(typename))
    return `${at}.__typename must be one of ${[...entities].join(', ')}`;
  if (typeof id !== 'string') return `${at}.id must be a string`;
  return undefined;
}
