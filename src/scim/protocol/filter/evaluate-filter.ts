/**
 * Evaluates a filter against an in-memory SCIM resource (used for PATCH value-path filters).
 *
 * Semantics (RFC 7644 §3.4.2.2):
 * - String comparisons honour the attribute's `caseExact`; dateTime values compare as instants.
 * - A comparison on a multi-valued attribute matches if any value matches.
 * - `pr` matches a non-empty value: not null, not "", not [], not a complex value without any
 *   present sub-attribute.
 * - `ne` on an attribute without any value matches (an unassigned title is "not equal" to
 *   "CEO"); `eq null` matches an unassigned attribute and `ne null` an assigned one. The
 *   SQL translation should follow the same rules.
 */
import type { AttrPath } from '../attr-path';
import type { JsonObject, JsonValue } from '../json';
import { getIgnoringCase, isJsonObject } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute } from '../schema/attribute-definition';
import type { ResourceSchema } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';
import type { CompareFilter, CompareOperator, CompareValue, Filter } from './filter-ast';
import { resolveFilter } from './resolve-filter';

interface PathValues {
  readonly definition: AttributeDefinition;
  readonly values: readonly JsonValue[];
}

type Scope = (path: AttrPath) => PathValues;

/** Resolves `filter` against `schema` (throwing invalidFilter) and tests `resource`. */
export function evaluateFilter(filter: Filter, resource: JsonObject, schema: ResourceSchema): boolean {
  return matches(resolveFilter(filter, schema), resourceScope(resource, schema));
}

/**
 * Tests one value of a complex attribute against an already resolved value filter
 * (see `resolveValueFilter`).
 */
export function matchesValueFilter(
  filter: Filter,
  element: JsonValue,
  attribute: AttributeDefinition,
): boolean {
  return matches(filter, elementScope(element, attribute));
}

function matches(filter: Filter, scope: Scope): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.filters.every((item) => matches(item, scope));
    case 'or':
      return filter.filters.some((item) => matches(item, scope));
    case 'not':
      return !matches(filter.filter, scope);
    case 'present':
      return scope(filter.path).values.some(isPresent);
    case 'compare':
      return matchesComparison(filter, scope(filter.path));
    case 'valuePath': {
      const { definition, values } = scope(filter.path);
      return values.some((element) => matches(filter.filter, elementScope(element, definition)));
    }
  }
}

function matchesComparison(filter: CompareFilter, { definition, values }: PathValues): boolean {
  const present = values.filter(isPresent);
  if (filter.value === null) return filter.op === 'eq' ? present.length === 0 : present.length > 0;
  if (filter.op === 'ne' && present.length === 0) return true;
  return present.some((actual) => compare(definition, filter.op, actual, filter.value));
}

export function isPresent(value: JsonValue): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isJsonObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function compare(
  definition: AttributeDefinition,
  op: CompareOperator,
  actual: JsonValue,
  expected: CompareValue,
) {
  if (definition.type === 'dateTime' && !['co', 'sw', 'ew'].includes(op)) {
    const left = typeof actual === 'string' ? Date.parse(actual) : NaN;
    return !Number.isNaN(left) && order(op, left, Date.parse(String(expected)));
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    const fold = (text: string) => (definition.caseExact ? text : text.toLowerCase());
    return compareStrings(op, fold(actual), fold(expected));
  }
  if (typeof actual === 'number' && typeof expected === 'number') return order(op, actual, expected);
  if (typeof actual === 'boolean' && typeof expected === 'boolean') return order(op, actual, expected);
  return false;
}

function compareStrings(op: CompareOperator, actual: string, expected: string): boolean {
  if (op === 'co') return actual.includes(expected);
  if (op === 'sw') return actual.startsWith(expected);
  if (op === 'ew') return actual.endsWith(expected);
  return order(op, actual, expected);
}

function order<T extends string | number | boolean>(op: CompareOperator, actual: T, expected: T): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
    default:
      return false;
  }
}

function resourceScope(resource: JsonObject, schema: ResourceSchema): Scope {
  return (path) => {
    const resolved = resolveAttribute(schema, path);
    if (!resolved) return { definition: UNKNOWN, values: [] };
    const container = resolved.isExtension ? getIgnoringCase(resource, resolved.schemaUrn) : resource;
    const values = valuesOf(container, resolved.attribute);
    if (!resolved.subAttribute) return { definition: resolved.attribute, values };
    const sub = resolved.subAttribute;
    return { definition: sub, values: values.flatMap((element) => valuesOf(element, sub)) };
  };
}

function elementScope(element: JsonValue, parent: AttributeDefinition): Scope {
  return (path) => {
    const definition = findAttribute(parent.subAttributes, path.attribute);
    return definition
      ? { definition, values: valuesOf(element, definition) }
      : { definition: UNKNOWN, values: [] };
  };
}

/** The values of `attribute` in `container`, flattening a multi-valued attribute. */
function valuesOf(container: JsonValue | undefined, attribute: AttributeDefinition): JsonValue[] {
  const value = isJsonObject(container) ? getIgnoringCase(container, attribute.name) : undefined;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Stands in for a path that does not resolve; only reachable with an unresolved filter. */
const UNKNOWN: AttributeDefinition = {
  name: 'unknown',
  type: 'string',
  multiValued: false,
  description: '',
  required: false,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'never',
  uniqueness: 'none',
};
