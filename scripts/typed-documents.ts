import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { Kind, print, visit } from 'graphql';

const TYPE_SUFFIX = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** Names of the fragments a definition spreads, directly or through other fragments. */
function fragmentsOf(
  definition: DefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  into = new Set<string>(),
): Set<string> {
  visit(definition, {
    FragmentSpread(node) {
      if (into.has(node.name.value)) return;
      into.add(node.name.value);
      const fragment = fragments.get(node.name.value);
      if (fragment) fragmentsOf(fragment, fragments, into);
    },
  });
  return into;
}

/** A template literal holding GraphQL text: nothing in GraphQL's syntax needs escaping but these. */
function literal(text: string): string {
  if (text.includes('`') || text.includes('${') || text.includes('\\'))
    throw new Error(`Cannot embed this GraphQL text in a template literal:\n${text}`);
  return `\`\n${text}\n\``;
}

/**
 * Each operation as a typed document: its printed text (and that of the fragments it uses, each
 * written once as a constant) parsed at start-up, typed with the result and variables types
 * graphql-codegen's typescript-operations plugin generates next to it. Text rather than AST
 * objects: the generated file stays readable, and a fragment is not repeated in every operation.
 */
export function typedDocuments(documents: readonly DocumentNode[]): string {
  const definitions = documents.flatMap((d) => d.definitions);
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const operations = definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && !!d.name,
  );
  const fragmentConstants = [...fragments.keys()].map(
    (name) => `const ${name}FragmentText = ${literal(print(fragments.get(name)!))};`,
  );
  const operationConstants = operations.map((operation) => {
    const name = operation.name!.value;
    const type = `${name}${TYPE_SUFFIX[operation.operation]}`;
    const used = [...fragmentsOf(operation, fragments)].map((f) => `\${${f}FragmentText}`);
    const text = [print(operation), ...used].join('\n');
    return `export const ${name}Document = parse(\`\n${text}\n\`) as TypedDocumentNode<${type}, ${type}Variables>;`;
  });
  return [
    "import { parse } from 'graphql';",
    "import type { TypedDocumentNode } from '@graphql-typed-document-node/core';",
    '',
    ...fragmentConstants,
    '',
    ...operationConstants,
  ].join('\n');
}
