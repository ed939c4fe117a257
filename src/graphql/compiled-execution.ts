import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { execute } from 'graphql';
import type { CompiledOperation } from './compiled-operation';
import { compileOperation } from './compiled-operation';

// The gateway interface's types, as Apollo Server declares them (their package is Apollo's own dependency).
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type GatewayRequest = Parameters<GatewayExecutor>[0];

/**
 * Compiled operations kept, the least recently used dropped first: graphql-jit's code holds memory,
 * and clients choose their documents. Compiling costs about what parsing and validating the
 * document cost Apollo (a few ms; 40 for the full introspection query), so a caller who sends
 * ever-new documents pays a small multiple of what it already does, and only callers that passed
 * authentication reach this far.
 */
export const MAX_COMPILED_OPERATIONS = 1000;

/**
 * Apollo Server's execution step, taken over through its gateway interface (the one `@apollo/gateway`
 * plugs into): Apollo still parses, validates, runs every plugin, formats errors and sets HTTP
 * statuses, and hands each validated operation to this executor. It runs the operation compiled by
 * graphql-jit (`compileOperation`, variables coerced by graphql-js, so their errors are the ones
 * Apollo's own execution gives) and graphql-js `execute` — exactly what Apollo would have called —
 * when there is no operation to compile (Apollo then reports graphql-js's error) or graphql-jit
 * refuses it. Every operation is compiled on its first call, so what the tests run is what
 * production runs.
 *
 * graphql-jit takes each field's resolver when it compiles: a plugin with a `willResolveField` hook
 * (Apollo wraps the schema's resolvers for it on first use) would miss operations compiled before.
 * None of the server's plugins has one; Apollo's cache-control plugin, which does, is disabled.
 */
export function compiledExecution(
  schema: GraphQLSchema,
  maxOperations = MAX_COMPILED_OPERATIONS,
): GatewayInterface {
  const operations = new CompiledOperations(schema, maxOperations);
  let onLoad: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      onLoad = callback;
      return () => {
        onLoad = undefined;
      };
    },
    async load() {
      // A subgraph has no supergraph: the schema is the one it serves, and it never changes.
      onLoad?.({ apiSchema: schema, coreSupergraphSdl: '' });
      const executor: GatewayExecutor = (request) => operations.execute(request);
      return { executor };
    },
    async stop() {
      operations.clear();
    },
  };
}

class CompiledOperations {
  /**
   * By query hash and operation name; null when graphql-jit refused the operation. A Map iterates
   * in insertion order, so the first key is the least recently used.
   */
  private readonly entries = new Map<string, CompiledOperation | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxOperations: number,
  ) {}

  async execute(request: GatewayRequest): Promise<ExecutionResult> {
    const { document, operation, queryHash, context } = request;
    const { operationName, variables } = request.request;
    const run = operation
      ? this.compiled(`${queryHash}:${operationName ?? ''}`, document, operationName)
      : null;
    if (run) return run(context, variables);
    return execute({
      schema: this.schema,
      document,
      operationName,
      variableValues: variables,
      contextValue: context,
    });
  }

  clear(): void {
    this.entries.clear();
  }

  private compiled(key: string, document: DocumentNode, operationName: string | undefined) {
    let run = this.entries.get(key);
    if (run === undefined) run = compileOperation(this.schema, document, operationName);
    else this.entries.delete(key);
    this.entries.set(key, run);
    if (this.entries.size > this.maxOperations)
      this.entries.delete(this.entries.keys().next().value as string);
    return run;
  }
}
