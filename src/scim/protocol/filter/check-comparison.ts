/**
 * Which operator/value combinations an attribute type supports (RFC 7644 §3.4.2.2, Table 3), and
 * the value coerced to that type. Violations are `400 invalidFilter`.
 *
 * - gt/ge/lt/le on boolean or binary attributes: the RFC requires invalidFilter.
 * - co/sw/ew on boolean and numbers: substring tests are only defined for strings.
 * - `null` only with eq/ne (`title eq null` means "title is unassigned").
 * - Booleans and numbers written as strings (`active eq "true"`) are accepted, because identity
 *   providers template their filters; anything else of the wrong type is rejected.
 */
import type { AttributeDefinition } from '../schema/attribute-definition';
import { badRequest } from '../scim-error';
import type { CompareOperator, CompareValue } from './filter-ast';

const ORDERING: readonly CompareOperator[] = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING: readonly CompareOperator[] = ['co', 'sw', 'ew'];
const NUMERIC_STRING = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function checkComparison(
  attribute: AttributeDefinition,
  op: CompareOperator,
  value: CompareValue,
  path: string,
): CompareValue {
  const reject = (why: string): never => {
    throw badRequest('invalidFilter', `"${path} ${op}" ${why}`);
  };
  if (value === null) return op === 'eq' || op === 'ne' ? null : reject('cannot compare with null');
  switch (attribute.type) {
    case 'boolean':
      if (ORDERING.includes(op) || SUBSTRING.includes(op)) reject('is not supported on a boolean attribute');
      return toBoolean(value) ?? reject('needs true or false');
    case 'integer':
    case 'decimal':
      if (SUBSTRING.includes(op)) reject('is not supported on a numeric attribute');
      return toNumber(value) ?? reject('needs a number');
    case 'binary':
      if (ORDERING.includes(op)) reject('is not supported on a binary attribute');
      return typeof value === 'string' ? value : reject('needs a string');
    case 'dateTime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? value
        : reject('needs a date-time string');
    default:
      return typeof value === 'string' ? value : reject('needs a string');
  }
}

function toBoolean(value: CompareValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function toNumber(value: CompareValue): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMERIC_STRING.test(value) ? Number(value) : undefined;
}
