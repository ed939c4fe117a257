/**
 * Operations on the values of a multi-valued attribute (RFC 7644 §3.5.2), each linear in the
 * number of values so a 10,000-member list stays cheap.
 *
 * "Touched" values are the ones the current operation wrote; only they are checked for the
 * single-`primary` rule and pruned when left without a `value`, so unrelated stored data is
 * never rewritten behind the client's back.
 */
import type { JsonObject, JsonValue } from '../json';
import { deleteIgnoringCase, getIgnoringCase, isJsonObject, isUnassigned, setIgnoringCase } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute, valueSubAttribute } from '../schema/attribute-definition';
import { badRequest } from '../scim-error';
import { identityKey, typesCompatible, valuesEqual } from './value-equality';

export function asList(value: JsonValue | undefined): JsonValue[] {
  if (Array.isArray(value)) return [...value];
  return isUnassigned(value) ? [] : [value as JsonValue];
}

/**
 * RFC 7644 §3.5.2.1: "add" appends values, and "if the target location already contains the
 * value specified, no changes SHOULD be made". A value already present (same `value`, compatible
 * `type`) absorbs the new sub-attributes instead of being duplicated.
 */
export function addValues(
  attribute: AttributeDefinition,
  list: readonly JsonValue[],
  incoming: readonly JsonValue[],
  touched: Set<JsonValue>,
): JsonValue[] {
  const result = [...list];
  const index = new Map<string, number[]>();
  result.forEach((value, position) => indexValue(index, identityKey(attribute, value), position));
  for (const value of incoming) {
    const key = identityKey(attribute, value);
    const position = (index.get(key) ?? []).find((candidate) => sameValue(result[candidate] ?? null, value));
    const existing = position === undefined ? undefined : result[position];
    if (existing === undefined) {
      indexValue(index, key, result.length);
      result.push(value);
      touched.add(value);
    } else if (isJsonObject(existing) && isJsonObject(value)) {
      mergeElement(attribute, existing, value);
      touched.add(existing);
    }
  }
  return result;
}

function indexValue(index: Map<string, number[]>, key: string, position: number): void {
  const positions = index.get(key);
  if (positions) positions.push(position);
  else index.set(key, [position]);
}

function sameValue(existing: JsonValue, incoming: JsonValue): boolean {
  return !isJsonObject(existing) || !isJsonObject(incoming) || typesCompatible(existing, incoming);
}

/**
 * Copies sub-attributes onto a value. Values equal under the schema's rules are left as stored
 * (`BJENSEN@example.com` does not rewrite `bjensen@example.com`), and immutable sub-attributes
 * that already have a value are kept (re-adding a member with another `display` is the same
 * member, not a change).
 */
export function mergeElement(attribute: AttributeDefinition, target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    const sub = findAttribute(attribute.subAttributes, key);
    const existing = getIgnoringCase(target, key);
    if (
      existing !== undefined &&
      sub &&
      (sub.mutability === 'immutable' || (value !== null && valuesEqual(sub, existing, value)))
    ) {
      continue;
    }
    if (value === null) deleteIgnoringCase(target, key);
    else setIgnoringCase(target, sub?.name ?? key, value);
  }
}

/** Removes the values listed in a `remove` operation's `value` (Entra/Okta member removal). */
export function removeListedValues(
  attribute: AttributeDefinition,
  list: readonly JsonValue[],
  listed: JsonValue,
): JsonValue[] {
  const value = valueSubAttribute(attribute);
  const keys = new Set(
    asList(listed).map((item) =>
      identityKey(attribute, typeof item === 'string' && value ? { [value.name]: item } : item),
    ),
  );
  return list.filter((item) => !keys.has(identityKey(attribute, item)));
}

/**
 * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." A value
 * written as primary takes the flag from the others; two written at once is invalidValue.
 */
export function normalizePrimary(
  attribute: AttributeDefinition,
  list: readonly JsonValue[],
  touched: ReadonlySet<JsonValue>,
  label: string,
): void {
  if (!findAttribute(attribute.subAttributes, 'primary')) return;
  const primaries = list.filter((value) => touched.has(value) && isPrimary(value));
  if (primaries.length > 1) throw badRequest('invalidValue', `Only one value of "${label}" may be primary`);
  if (primaries.length === 0) return;
  for (const value of list) {
    if (value !== primaries[0] && isPrimary(value)) deleteIgnoringCase(value as JsonObject, 'primary');
  }
}

function isPrimary(value: JsonValue): boolean {
  return isJsonObject(value) && getIgnoringCase(value, 'primary') === true;
}

/** Drops touched values that ended up empty or without their `value` sub-attribute. */
export function pruneTouched(
  attribute: AttributeDefinition,
  list: readonly JsonValue[],
  touched: ReadonlySet<JsonValue>,
): JsonValue[] {
  return list.filter((value) => !touched.has(value) || isCompleteValue(attribute, value));
}

/**
 * A complex value is kept only while it has a non-empty sub-attribute and, when its attribute
 * defines `value`, a non-empty `value`: an email without an address, or a manager without an id,
 * means nothing (this is how `manager` is cleared with `""`).
 */
export function isCompleteValue(attribute: AttributeDefinition, value: JsonValue): boolean {
  if (attribute.type !== 'complex') return !isUnassigned(value);
  if (!isJsonObject(value) || !Object.values(value).some((item) => !isEmpty(item))) return false;
  const valueSub = valueSubAttribute(attribute);
  return !valueSub || !isEmpty(getIgnoringCase(value, valueSub.name));
}

function isEmpty(value: JsonValue | undefined): boolean {
  return isUnassigned(value) || value === '';
}
