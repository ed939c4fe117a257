import type {
  DocumentNode,
  ExecutionResult,
  GraphQLSchema,
  OperationDefinitionNode,
  Source,
  SourceLocation,
  TypeNode,
  VariableDefinitionNode,
} from 'graphql';
import { getOperationAST, getVariableValues, GraphQLError, Kind } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { compileVariableCoercion } from './variable-coercion';

/** One operation of a document, compiled: runs it with a request's context and raw variables. */
export type CompiledOperation = (
  context: unknown,
  variables: Readonly<Record<string, unknown>> | undefined,
) => Promise<ExecutionResult>;

/** The federation scalar every subgraph schema has: its parseValue returns the value unchanged. */
const PASS_THROUGH = '_Any';

/** What graphql-js's `execute` passes to `getVariableValues` (its default `maxCoercionErrors`). */
const MAX_COERCION_ERRORS = 50;

/**
 * Compiles one operation (by name, or the only one) of a validated document to JavaScript with
 * graphql-jit, so it is no longer interpreted by graphql-js on every call. Null when there is no
 * such operation, it is a subscription, or graphql-jit refuses it: graphql-js then runs it.
 *
 * Variables are coerced by graphql-js's own algorithm, `getVariableValues` with the options
 * `execute` uses: the same checks, scalar and enum parsing, and the same errors — message, nodes
 * and all — that Apollo Server turns into BAD_USER_INPUT and `format-error.ts` strips of values.
 * Valid values take a compiled copy of that algorithm (`compileVariableCoercion`: about a tenth of
 * graphql-js's time for a SCIM user); whatever it would not accept goes to graphql-js itself.
 * graphql-jit's own coercion words its errors differently, and it inlines the coercion of an input
 * object's fields into the generated code, which recursed forever at compile time on the recursive
 * `Filter` (and/or/not of Filters). So the compiled copy of the document declares the variables
 * as the pass-through scalar `_Any`, without a default (graphql-js applied it), and graphql-jit
 * hands the coerced values to the resolvers as they are.
 *
 * One difference remains, and the GraphQL spec allows both: when an error nulls the whole `data`,
 * graphql-js answers at once, without the errors of fields still running; graphql-jit waits for
 * them and reports their errors too.
 */
export function compileOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): CompiledOperation | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === 'subscription' || !schema.getType(PASS_THROUGH)) return null;
  const definitions = operation.variableDefinitions ?? [];
  const compiled = compileQuery(schema, passingThrough(document, operation), operation.name?.value);
  if (!isCompiledQuery(compiled)) return null;
  const coerceValid = compileVariableCoercion(schema, definitions);
  return async (context, variables) => {
    const inputs = variables ?? {};
    let values = coerceValid?.(inputs);
    if (values === undefined) {
      const coerced = getVariableValues(schema, definitions, inputs, { maxErrors: MAX_COERCION_ERRORS });
      if (coerced.errors) return { errors: coerced.errors };
      values = coerced.coerced;
    }
    const result = await compiled.query(undefined, context, values);
    if (!result.errors) return result;
    return { ...result, errors: result.errors.map((error) => asGraphqlJsError(error, document.loc?.source)) };
  };
}

/**
 * graphql-jit reports an execution error as its own lightweight GraphQLError: `locations` without
 * `source` or `positions`, and `extensions` left undefined when the original error has none (Apollo
 * Server and `format-error.ts` read `extensions.code`). The error graphql-js would have built
 * instead (`locatedError`): an original GraphQLError that already has a path as it is, otherwise
 * one on the document's source at the same locations, with the same path and original error.
 */
function asGraphqlJsError(error: GraphQLError, source: Source | undefined): GraphQLError {
  const { originalError } = error;
  if (originalError instanceof GraphQLError && Array.isArray(originalError.path)) return originalError;
  return new GraphQLError(error.message, {
    source,
    positions: source && error.locations?.map((location) => positionOf(source.body, location)),
    path: error.path,
    originalError,
    extensions: error.extensions,
  });
}

/** The offset in `body` of a line and column, counted as graphql-js's `getLocation` counts them. */
function positionOf(body: string, location: SourceLocation): number {
  const lineEnd = /\r\n|[\n\r]/g;
  let lineStart = 0;
  for (let line = 1; line < location.line && lineEnd.exec(body); line++) lineStart = lineEnd.lastIndex;
  return lineStart + location.column - 1;
}

/**
 * The document with the variables of `operation` declared as `_Any`, without their defaults. A
 * Boolean variable keeps its declaration: graphql-jit checks the type of a variable that `@skip` or
 * `@include` reads, and coercing an already coerced Boolean again changes nothing.
 */
function passingThrough(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const asPassThrough = (definition: VariableDefinitionNode): VariableDefinitionNode =>
    namedTypeOf(definition.type) === 'Boolean'
      ? definition
      : {
          ...definition,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: PASS_THROUGH } },
          defaultValue: undefined,
        };
  const variableDefinitions = (operation.variableDefinitions ?? []).map(asPassThrough);
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation ? { ...operation, variableDefinitions } : d,
    ),
  };
}

/** `Boolean` for `Boolean!`; undefined for a list type. */
const namedTypeOf = (type: TypeNode): string | undefined =>
  type.kind === Kind.NON_NULL_TYPE
    ? namedTypeOf(type.type)
    : type.kind === Kind.NAMED_TYPE
      ? type.name.value
      : undefined;
