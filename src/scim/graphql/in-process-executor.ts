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
 * ran. Apollo Server answers these BAD_USER_INPUT, and so does this path, so in-process and remote
 * facades agree. graphql-js quotes the offending variable value in its message — it may hold a
 * password — so only the reason after the last `;` is kept.
 */
function requestError(error: GraphQLError): GraphqlCallError {
  const reason = error.message.split('; ').pop() ?? error.message;
  return new GraphqlCallError('BAD_USER_INPUT', `Invalid input: ${reason}`, undefined, undefined, error);
}
