import type {
  DocumentNode,
  ExecutionResult,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  OperationDefinitionNode,
  TypeNode,
  VariableDefinitionNode,
} from 'graphql';
import { execute, getNamedType, getVariableValues, isInputObjectType, Kind, typeFromAST } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
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
   * The facade sends a fixed set of documents, so each is compiled to JavaScript once (graphql-jit)
   * instead of being interpreted by graphql-js on every call.
   *
   * graphql-jit inlines the coercion of an input object's fields into the generated code, so on a
   * recursive input type (`Filter`: and/or/not of Filters) it recurses forever at compile time. Such
   * variables are coerced by graphql-js's own algorithm instead (`getVariableValues`: the same
   * checks, enum mapping and messages as `execute`, as deep as the value is), and the compiled copy
   * of the document declares them as the pass-through scalar `_Any`, so graphql-jit hands the
   * coerced value to the resolvers as it is. Every document runs compiled; graphql-js executes one
   * only if graphql-jit refuses it.
   */
  private runOf(document: DocumentNode): Run {
    const known = this.runs.get(document);
    if (known) return known;
    const run = this.compiledRun(document) ?? this.interpretedRun(document);
    this.runs.set(document, run);
    return run;
  }

  private compiledRun(document: DocumentNode): Run | null {
    const operation = operationOf(document);
    if (!operation) return null;
    const recursive = (operation.variableDefinitions ?? []).filter((v) => this.isRecursive(v.type));
    if (recursive.length === 0) {
      const compiled = compileQuery(this.schema, document);
      if (!isCompiledQuery(compiled)) return null;
      return async (context, variables) =>
        (await compiled.query(undefined, context, variables)) as ExecutionResult;
    }
    if (!this.schema.getType(PASS_THROUGH)) return null;
    const compiled = compileQuery(this.schema, passingThrough(document, operation, recursive));
    if (!isCompiledQuery(compiled)) return null;
    return async (context, variables) => {
      const coerced = getVariableValues(this.schema, recursive, variables);
      if (coerced.errors) return { errors: coerced.errors };
      return (await compiled.query(undefined, context, {
        ...variables,
        ...coerced.coerced,
      })) as ExecutionResult;
    };
  }

  private interpretedRun(document: DocumentNode): Run {
    return async (context, variables) =>
      execute({ schema: this.schema, document, variableValues: variables, contextValue: context });
  }

  /** Whether the variable's input type reaches a cycle of input types (graphql-jit cannot compile one). */
  private isRecursive(node: TypeNode): boolean {
    const type = typeFromAST(this.schema, node) as GraphQLInputType | undefined;
    const onPath = new Set<string>();
    const done = new Set<string>();
    const cyclic = (current: GraphQLInputType): boolean => {
      const named = getNamedType(current);
      if (!isInputObjectType(named) || done.has(named.name)) return false;
      if (onPath.has(named.name)) return true;
      onPath.add(named.name);
      const found = Object.values(named.getFields()).some((field) => cyclic(field.type));
      onPath.delete(named.name);
      done.add(named.name);
      return found;
    };
    return type !== undefined && cyclic(type);
  }
}

/** The federation scalar every subgraph schema has: its parseValue returns the value unchanged. */
const PASS_THROUGH = '_Any';

function operationOf(document: DocumentNode): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.length === 1 ? operations[0] : undefined;
}

/** The document with the given variables declared as `_Any` (no default: graphql-js applied it). */
function passingThrough(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: readonly VariableDefinitionNode[],
): DocumentNode {
  const variableDefinitions = (operation.variableDefinitions ?? []).map((definition) =>
    variables.includes(definition)
      ? {
          ...definition,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: PASS_THROUGH } } as const,
          defaultValue: undefined,
        }
      : definition,
  );
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation ? { ...operation, variableDefinitions } : d,
    ),
  };
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
