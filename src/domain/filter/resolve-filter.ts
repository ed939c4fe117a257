import { badFilter } from '../../errors';
import type { AttributeCatalog, MultiValuedAttribute } from './attribute-catalog';
import type {
  ComparableValue,
  FilterInput,
  FilterOperator,
  FilterValue,
  ResolvedFilter,
  ScalarAttribute,
} from './filter';

/** Bounds that keep a hostile filter from turning into a huge SQL statement. */
export const FILTER_LIMITS = { maxDepth: 32, maxNodes: 500, maxValueLength: 2048 } as const;

const ORDERING = new Set<FilterOperator>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<FilterOperator>(['co', 'sw', 'ew']);

interface Scope {
  readonly catalog: AttributeCatalog;
  /** Set inside `some`: paths are sub-attributes of this multi-valued attribute. */
  readonly within?: MultiValuedAttribute;
  nodes: number;
}

/**
 * Checks a caller's filter against a resource's attribute catalog: every path must exist, every
 * operator must suit the attribute's type and every value must have that type. Errors name the
 * offending part of the input (`filter.and[1].attribute`).
 */
export function resolveFilter(
  input: FilterInput,
  catalog: AttributeCatalog,
  field = 'filter',
): ResolvedFilter {
  return resolve(input, { catalog, nodes: 0 }, field, 0);
}

function resolve(input: FilterInput, scope: Scope, field: string, depth: number): ResolvedFilter {
  if (depth > FILTER_LIMITS.maxDepth)
    throw badFilter(field, `Filter is nested deeper than ${FILTER_LIMITS.maxDepth} levels`);
  if (++scope.nodes > FILTER_LIMITS.maxNodes)
    throw badFilter(field, `Filter has more than ${FILTER_LIMITS.maxNodes} terms`);
  switch (input.kind) {
    case 'and':
    case 'or':
      if (input.filters.length === 0)
        throw badFilter(`${field}.${input.kind}`, `'${input.kind}' needs at least one filter`);
      return {
        kind: input.kind,
        filters: input.filters.map((f, i) => resolve(f, scope, `${field}.${input.kind}[${i}]`, depth + 1)),
      };
    case 'not':
      return { kind: 'not', filter: resolve(input.filter, scope, `${field}.not`, depth + 1) };
    case 'some':
      return resolveSome(input.attribute, input.filter, scope, `${field}.some`, depth);
    case 'condition':
      return resolveCondition(input, scope, `${field}.condition`);
  }
}

function resolveSome(
  path: string,
  filter: FilterInput,
  scope: Scope,
  field: string,
  depth: number,
): ResolvedFilter {
  if (scope.within)
    throw badFilter(`${field}.attribute`, `'some' cannot be nested inside '${scope.within.path}'`);
  const multi = scope.catalog.multi(path);
  if (!multi) throw badFilter(`${field}.attribute`, `'${path}' is not a multi-valued attribute`);
  const inner = resolve(filter, { ...scope, within: multi }, `${field}.filter`, depth + 1);
  scope.nodes += 1;
  return { kind: 'some', attribute: multi.path, filter: inner };
}

function resolveCondition(
  input: Extract<FilterInput, { kind: 'condition' }>,
  scope: Scope,
  field: string,
): ResolvedFilter {
  const target = lookup(input.attribute, scope, `${field}.attribute`);
  const condition = resolveScalarCondition(target.attribute, input.op, input.value, field);
  if (!target.multi) return condition;
  // `emails.value eq "x"` and `emails eq "x"` mean: some email's value is "x". `emails pr` means: has an email.
  const isBarePresence = condition.kind === 'present' && target.bare;
  return { kind: 'some', attribute: target.multi.path, filter: isBarePresence ? null : condition };
}

function lookup(
  path: string,
  scope: Scope,
  field: string,
): { attribute: ScalarAttribute; multi?: MultiValuedAttribute; bare?: boolean } {
  if (scope.within) {
    const sub = scope.within.subAttributes.get(path.toLowerCase());
    if (!sub) throw unknownAttribute(field, `${scope.within.path}.${path}`);
    return { attribute: sub };
  }
  const direct = scope.catalog.scalar(path);
  if (direct) return { attribute: direct };
  const bareMulti = scope.catalog.multi(path);
  if (bareMulti) return { attribute: subAttribute(bareMulti, 'value', field), multi: bareMulti, bare: true };
  const dot = path.lastIndexOf('.');
  const multi = dot > 0 ? scope.catalog.multi(path.slice(0, dot)) : undefined;
  if (multi) return { attribute: subAttribute(multi, path.slice(dot + 1), field), multi };
  throw unknownAttribute(field, path);
}

function subAttribute(multi: MultiValuedAttribute, name: string, field: string): ScalarAttribute {
  const sub = multi.subAttributes.get(name.toLowerCase());
  if (!sub) throw unknownAttribute(field, `${multi.path}.${name}`);
  return sub;
}

const unknownAttribute = (field: string, path: string) =>
  badFilter(field, `Unknown attribute '${path}' in filter`, { reason: 'unknownAttribute', attribute: path });

function resolveScalarCondition(
  attribute: ScalarAttribute,
  op: FilterOperator,
  value: FilterValue | undefined,
  field: string,
): ResolvedFilter {
  if (op === 'pr') return { kind: 'present', attribute };
  if (value === null || value === undefined) {
    // RFC 7644 lets `eq null` stand for "has no value"; ordering against null means nothing.
    if (op === 'eq') return { kind: 'not', filter: { kind: 'present', attribute } };
    if (op === 'ne') return { kind: 'present', attribute };
    throw badFilter(`${field}.value`, `Operator ${op} on '${attribute.path}' needs a value`);
  }
  checkOperator(attribute, op, `${field}.op`);
  return { kind: 'compare', attribute, op, value: coerceValue(attribute, value, `${field}.value`) };
}

function checkOperator(attribute: ScalarAttribute, op: FilterOperator, field: string): void {
  const { type, path } = attribute;
  if (type === 'boolean' && (ORDERING.has(op) || SUBSTRING.has(op))) {
    throw badFilter(field, `Operator ${op} is not valid for boolean attribute '${path}'`);
  }
  if (SUBSTRING.has(op) && !['string', 'reference', 'binary'].includes(type)) {
    throw badFilter(field, `Operator ${op} is not valid for ${type} attribute '${path}'`);
  }
  if (ORDERING.has(op) && type === 'binary') {
    throw badFilter(field, `Operator ${op} is not valid for binary attribute '${path}'`);
  }
}

function coerceValue(
  attribute: ScalarAttribute,
  value: string | number | boolean,
  field: string,
): ComparableValue {
  const { type, path } = attribute;
  const wrongType = () =>
    badFilter(field, `'${path}' is a ${type} attribute; ${JSON.stringify(value)} is not a ${type}`);
  switch (type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType();
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType();
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType();
      return value;
    case 'dateTime': {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw wrongType();
      return date;
    }
    default:
      if (typeof value !== 'string') throw wrongType();
      if (value.length > FILTER_LIMITS.maxValueLength) {
        throw badFilter(
          field,
          `Filter value for '${path}' is longer than ${FILTER_LIMITS.maxValueLength} characters`,
        );
      }
      return value;
  }
}
