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
  const entityType = schema.getType('_Entity');
  if (!isUnionType(entityType)) return undefined;
  const entities = new Set(entityType.getTypes().map((type) => type.name));
  let problem: string | undefined;
  const check = (value: unknown) => {
    if (value === undefined || value === null) return;
    // Input coercion turns a single value into a list of one.
    const representations = Array.isArray(value) ? value : [value];
    representations.forEach((representation, i) => {
      problem ??= problemOf(representation, entities, i);
    });
  };
  for (const definition of [operation, ...fragmentsSpreadBy(document, operation)]) {
    visit(definition, {
      Field(node) {
        if (node.name.value !== '_entities') return;
        const argument = node.arguments?.find((a) => a.name.value === 'representations');
        if (argument) check(valueOf(argument.value, variables));
      },
    });
  }
  return problem;
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
