import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { measureOperation } from './measure-operation';
import type { OperationLimits } from './operation-limits';
import { exceededLimit } from './operation-limits';

/**
 * Rejects an operation that exceeds a limit after validation and before execution: nothing runs,
 * the answer is HTTP 400 with one `BAD_USER_INPUT` error naming the limit.
 */
export function operationLimitsPlugin<TContext extends object>(
  limits: OperationLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const measure = measureOperation(schema, document, operation, request.variables ?? {});
          const problem = exceededLimit(measure, limits);
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
