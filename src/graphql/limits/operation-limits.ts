import type { OperationMeasure } from './measure-operation';

/** How big one GraphQL operation may be; each is configurable (GRAPHQL_MAX_DEPTH, …). */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

/**
 * The defaults. The deepest operation the SCIM facade sends is 5 levels, the standard introspection
 * query 15; the costliest SCIM call (a page of 1000 users with their groups) measures about 104,000.
 * A router's query plans use a handful of aliases. Nested pages multiply: 1000 users × their groups
 * × 1000 members each measures 10 million and is refused.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 20, maxAliases: 30, maxCost: 200_000 };

/**
 * Parsing stops after this many tokens: graphql-js validation is superlinear in the number of
 * fields, so a 1 MB document of repeated fields would otherwise cost seconds of CPU before any limit
 * here could look at it. Every real operation is far below (the introspection query: ~300).
 */
export const MAX_DOCUMENT_TOKENS = 15_000;

/** The first limit an operation exceeds, as a client-safe message; undefined when it fits. */
export function exceededLimit(measure: OperationMeasure, limits: OperationLimits): string | undefined {
  if (measure.depth > limits.maxDepth)
    return `The operation is ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`;
  if (measure.aliases > limits.maxAliases)
    return `The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed`;
  if (measure.cost > limits.maxCost)
    return `The operation may return about ${measure.cost} objects; at most ${limits.maxCost} are allowed (ask for smaller pages)`;
  return undefined;
}
