import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { execute } from 'graphql';
import { compileOperation } from '../../graphql/compiled-operation';
import { toClientError } from '../../graphql/format-error';
import { GraphqlCallError } from './graphql-executor';
import type { CallContext, GraphqlExecutor } from './graphql-executor';

type Run = (context: unknown, variables: Record<string, unknown>) => Promise<ExecutionResult>;

/**
 * Executes operations on the subgraph's own schema, in this process: no HTTP hop, no parsing (the
 * documents are parsed and validated once at start-up). `contextFor` builds exactly the context the
 * GraphQL endpoint would, so rules, tenancy and audit are the same on both paths.
 */
export class InProcessExecutor implements GraphqlExecutor {
  /** How each document runs, decided on its first call. */
  private readonly runs = new WeakMap<DocumentNode, Run>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly contextFor: (call: CallContext) => unknown,
  ) {}

  async execute<TData>(
    document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<TData> {
    const result = await this.runOf(document)(this.contextFor(call), variables);
    const [error] = result.errors ?? [];
    if (error && result.data === undefined) throw requestError(error);
    if (error) {
      const client = toClientError(error);
      throw new GraphqlCallError(client.code, client.message, client.field, client.reason, client.cause);
    }
    return result.data as TData;
  }

  /**
   * The facade sends a fixed set of documents, so each is compiled to JavaScript once
   * (`compileOperation`, which also coerces variables as graphql-js does: the recursive `Filter`
   * included) instead of being interpreted by graphql-js on every call. graphql-js executes a
   * document only if graphql-jit refuses it.
   */
  private runOf(document: DocumentNode): Run {
    const known = this.runs.get(document);
    if (known) return known;
    const run = compileOperation(this.schema, document) ?? this.interpretedRun(document);
    this.runs.set(document, run);
    return run;
  }

  private interpretedRun(document: DocumentNode): Run {
    return async (context, variables) =>
      execute({ schema: this.schema, document, variableValues: variables, contextValue: context });
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
