import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { representationProblem } from './entity-representations';
import { measureOperation } from './measure-operation';
import type { OperationLimits } from './operation-limits';
import { exceededLimit } from './operation-limits';

/**
 * Rejects an operation that exceeds a limit (or passes `_entities` a representation no entity type
 * can resolve) after validation and before execution: nothing runs, the answer is HTTP 400 with one
 * `BAD_USER_INPUT` error naming the problem.
 */
export function operationLimitsPlugin<TContext extends object>(
  limits: OperationLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const measure = measureOperation(schema, document, operation, variables);
          const problem =
            exceededLimit(measure, limits) ?? representationProblem(schema, document, operation, variables);
          if (problem) {
            throw new GraphQLError(problem, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
