import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { execute } from 'graphql';
import { toClientError } from '../../graphql/format-error';
import { GraphqlCallError } from './graphql-executor';
import type { CallContext, GraphqlExecutor } from './graphql-executor';

/**
 * Executes operations on the subgraph's own schema, in this process: no HTTP hop, no parsing (the
 * documents are parsed and validated once at start-up). `contextFor` builds exactly the context the
 * GraphQL endpoint would, so rules, tenancy and audit are the same on both paths.
 */
export class InProcessExecutor implements GraphqlExecutor {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly contextFor: (call: CallContext) => unknown,
  ) {}

  async execute<TData>(
    document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<TData> {
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: variables,
      contextValue: this.contextFor(call),
    });
    const [error] = result.errors ?? [];
    if (error && result.data === undefined) throw requestError(error);
    if (error) {
      const client = toClientError(error);
      throw new GraphqlCallError(client.code, client.message, client.field, client.reason, client.cause);
    }
    return result.data as TData;
  }
}

/**
 * An answer without `data` is a request error: graphql-js could not coerce the variables, so nothing
 * ran. The facade built those variables, so this is a bug of ours — 500, logged (STYLE §9) — but the
 * log must not carry the value graphql-js quotes in its message (it may hold a password): only the
 * reason after the last `;` is kept.
 */
function requestError(error: GraphQLError): GraphqlCallError {
  const reason = error.message.split('; ').pop() ?? error.message;
  const cause = new Error(`GraphQL variables rejected: ${reason}`);
  return new GraphqlCallError('INTERNAL', 'Internal server error', undefined, undefined, cause);
}
