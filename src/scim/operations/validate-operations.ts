import type { DocumentNode, GraphQLSchema } from 'graphql';
import { validate } from 'graphql';
import * as groupOperations from './group.operations';
import * as userOperations from './user.operations';

const ALL: Readonly<Record<string, DocumentNode>> = { ...userOperations, ...groupOperations };

/**
 * Checks every document the facade sends against the schema, once at start-up: a facade built
 * against another version of the API fails to start instead of failing requests.
 */
export function validateOperations(schema: GraphQLSchema): void {
  const problems = Object.entries(ALL).flatMap(([name, document]) =>
    validate(schema, document).map((error) => `${name}: ${error.message}`),
  );
  if (problems.length > 0)
    throw new Error(`SCIM operations do not match the GraphQL schema:\n${problems.join('\n')}`);
}
