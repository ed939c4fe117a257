/**
 * Equality of attribute values as the schema defines it: strings compare case-insensitively
 * unless the attribute is `caseExact` (RFC 7643 §2.2), complex values compare sub-attribute by
 * sub-attribute. Used for `immutable` checks and to keep `add` from duplicating a value.
 */
import type { JsonObject, JsonValue } from '../json';
import { getIgnoringCase, isJsonObject, isUnassigned } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { valueSubAttribute } from '../schema/attribute-definition';
import { badRequest } from '../scim-error';

export function valuesEqual(attribute: AttributeDefinition, left: JsonValue, right: JsonValue): boolean {
  if (!attribute.multiValued) return elementsEqual(attribute, left, right);
  const leftItems = Array.isArray(left) ? left : [left];
  const rightItems = Array.isArray(right) ? right : [right];
  return (
    leftItems.length === rightItems.length &&
    leftItems.every((item) => rightItems.some((other) => elementsEqual(attribute, item, other)))
  );
}

function elementsEqual(attribute: AttributeDefinition, left: JsonValue, right: JsonValue): boolean {
  if (attribute.type !== 'complex') return simpleEqual(attribute, left, right);
  if (!isJsonObject(left) || !isJsonObject(right)) return false;
  return (attribute.subAttributes ?? []).every((sub) =>
    simpleEqual(sub, getIgnoringCase(left, sub.name) ?? null, getIgnoringCase(right, sub.name) ?? null),
  );
}

function simpleEqual(attribute: AttributeDefinition, left: JsonValue, right: JsonValue): boolean {
  if (typeof left === 'string' && typeof right === 'string' && !attribute.caseExact) {
    return left.toLowerCase() === right.toLowerCase();
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * A key identifying a value of a multi-valued attribute: its `value` sub-attribute when it has
 * one (two emails are the same email when their addresses match), else the whole value.
 */
export function identityKey(attribute: AttributeDefinition, element: JsonValue): string {
  const value = valueSubAttribute(attribute);
  const identity = value && isJsonObject(element) ? getIgnoringCase(element, value.name) : undefined;
  if (value && identity !== undefined) return `v:${foldedKey(value, identity)}`;
  return attribute.type === 'complex' ? `o:${stableJson(element)}` : `s:${foldedKey(attribute, element)}`;
}

function foldedKey(attribute: AttributeDefinition, value: JsonValue): string {
  return typeof value === 'string' && !attribute.caseExact
    ? `"${value.toLowerCase()}"`
    : JSON.stringify(value);
}

function stableJson(value: JsonValue): string {
  if (!isJsonObject(value)) return JSON.stringify(value);
  const entries = Object.keys(value)
    .map((key) => key.toLowerCase())
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson(getIgnoringCase(value, key) ?? null)}`);
  return `{${entries.join(',')}}`;
}

/**
 * RFC 7644 §3.5.2: an `immutable` attribute may be set when it has no value, never changed.
 */
export function assertMutable(
  attribute: AttributeDefinition,
  existing: JsonValue | undefined,
  incoming: JsonValue | undefined,
  label: string,
): void {
  if (attribute.mutability !== 'immutable' || isUnassigned(existing)) return;
  if (incoming !== undefined && valuesEqual(attribute, existing as JsonValue, incoming)) return;
  throw badRequest('mutability', `"${label}" is immutable and already has a value`);
}

/** Same `type` or either side without one: `{value:"a", type:"work"}` is not the home `a`. */
export function typesCompatible(left: JsonObject, right: JsonObject): boolean {
  const leftType = getIgnoringCase(left, 'type');
  const rightType = getIgnoringCase(right, 'type');
  if (typeof leftType !== 'string' || typeof rightType !== 'string') return true;
  return leftType.toLowerCase() === rightType.toLowerCase();
}
