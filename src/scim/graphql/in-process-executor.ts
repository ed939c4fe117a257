import type { DocumentNode, GraphQLSchema } from 'graphql';
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
    if (error) {
      const client = toClientError(error);
      throw new GraphqlCallError(client.code, client.message, client.field, client.reason, client.cause);
    }
    return result.data as TData;
  }
}
