import type { DocumentNode, GraphQLSchema } from 'graphql';
import { validate } from 'graphql';
import * as generated from './generated';

/** Every operation the facade sends: the generated `…Document` exports (fragments travel inside them). */
export const SCIM_OPERATIONS: Readonly<Record<string, DocumentNode>> = Object.fromEntries(
  Object.entries(generated).filter(([name]) => name.endsWith('Document')),
) as Record<string, DocumentNode>;

/**
 * Checks every document the facade sends against the schema, once at start-up: a facade built
 * against another version of the API fails to start instead of failing requests.
 */
export function validateOperations(schema: GraphQLSchema): void {
  const problems = Object.entries(SCIM_OPERATIONS).flatMap(([name, document]) =>
    validate(schema, document).map((error) => `${name}: ${error.message}`),
  );
  if (problems.length > 0)
    throw new Error(`SCIM operations do not match the GraphQL schema:\n${problems.join('\n')}`);
}
