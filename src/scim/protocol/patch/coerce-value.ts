/**
 * Checks a client-supplied value against an attribute definition and returns it in canonical
 * form (schema-cased keys, the attribute's JSON type). Wrong types are `400 invalidValue`
 * (RFC 7644 §3.12: "the value specified was not compatible with the operation or attribute
 * type"); shapes real clients send are tolerated and recorded as quirks:
 * "False"/"true" for booleans, "42" for numbers, a bare string for a complex attribute that has a
 * `value` sub-attribute (Entra's `manager`), a single value for a multi-valued attribute.
 *
 * Read-only sub-attributes are dropped (RFC 7643 §2.2: values supplied for them are ignored);
 * unknown sub-attributes are dropped and reported.
 */
import type { JsonObject, JsonValue } from '../json';
import { isJsonObject } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute, valueSubAttribute } from '../schema/attribute-definition';
import { badRequest } from '../scim-error';
import type { PatchContext } from './patch-context';
import { PATCH_QUIRKS } from './patch-quirks';

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
// xsd:dateTime (RFC 7643 §2.3.5), e.g. 2008-01-23T04:56:22Z.
const DATE_TIME =
  /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$/;

/**
 * The canonical value for `attribute`, or undefined when `raw` means "unassigned"
 * (null, [] — RFC 7643 §2.5). A single-valued complex value keeps `null` sub-attributes so a
 * merge can clear them.
 */
export function coerceAttributeValue(
  attribute: AttributeDefinition,
  raw: JsonValue,
  context: PatchContext,
  label: string,
): JsonValue | undefined {
  if (raw === null) return undefined;
  if (!attribute.multiValued) {
    const single = unwrapSingle(raw, context, label);
    if (single === null) return undefined;
    return attribute.type === 'complex'
      ? coerceComplex(attribute, single, context, label, true)
      : coerceSimple(attribute, single, context, label);
  }
  if (!Array.isArray(raw)) context.quirks.add(PATCH_QUIRKS.singleValueForMultiValued);
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((item) => {
    const value = coerceElement(attribute, item, context, label);
    return value === undefined ? [] : [value];
  });
  return values.length > 0 ? values : undefined;
}

/** `[x]` for a single-valued attribute is read as `x` (legacy Entra); `[]` as unassigned. */
function unwrapSingle(raw: JsonValue, context: PatchContext, label: string): JsonValue {
  if (!Array.isArray(raw)) return raw;
  if (raw.length > 1) throw badRequest('invalidValue', `"${label}" is single-valued; an array was given`);
  context.quirks.add(PATCH_QUIRKS.arrayForSingleValued);
  return raw[0] ?? null;
}

/** One value of a multi-valued attribute. */
export function coerceElement(
  attribute: AttributeDefinition,
  raw: JsonValue,
  context: PatchContext,
  label: string,
): JsonValue | undefined {
  if (raw === null) return undefined;
  return attribute.type === 'complex'
    ? coerceComplex(attribute, raw, context, label, false)
    : coerceSimple(attribute, raw, context, label);
}

export function coerceComplex(
  attribute: AttributeDefinition,
  raw: JsonValue,
  context: PatchContext,
  label: string,
  keepNulls: boolean,
): JsonObject | undefined {
  const value = valueSubAttribute(attribute);
  if (typeof raw === 'string' && value) {
    context.quirks.add(PATCH_QUIRKS.stringAsComplexValue);
    return coerceComplex(attribute, { [value.name]: raw }, context, label, keepNulls);
  }
  if (!isJsonObject(raw)) throw badRequest('invalidValue', `"${label}" must be an object`);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(raw)) {
    const sub = findAttribute(attribute.subAttributes, key);
    if (!sub) context.ignored.add(`${label}.${key}`);
    if (!sub || sub.mutability === 'readOnly' || (item === null && !keepNulls)) continue;
    result[sub.name] = item === null ? null : coerceSubAttribute(sub, item, context, `${label}.${sub.name}`);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** A sub-attribute value; sub-attributes may themselves be multi-valued simple attributes. */
export function coerceSubAttribute(
  sub: AttributeDefinition,
  raw: JsonValue,
  context: PatchContext,
  label: string,
): JsonValue {
  if (!sub.multiValued) return coerceSimple(sub, raw, context, label);
  return (Array.isArray(raw) ? raw : [raw]).map((item) => coerceSimple(sub, item, context, label));
}

export function coerceSimple(
  attribute: AttributeDefinition,
  raw: JsonValue,
  context: PatchContext,
  label: string,
): JsonValue {
  const invalid = (expected: string): never => {
    throw badRequest('invalidValue', `"${label}" must be ${expected}; got ${describe(raw)}`);
  };
  switch (attribute.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : (stringBoolean(raw, context) ?? invalid('a boolean'));
    case 'integer':
      if (typeof raw === 'number') return Number.isInteger(raw) ? raw : invalid('an integer');
      return stringNumber(raw, INTEGER, context) ?? invalid('an integer');
    case 'decimal':
      return typeof raw === 'number' ? raw : (stringNumber(raw, DECIMAL, context) ?? invalid('a number'));
    case 'dateTime':
      return isDateTime(raw) ? raw : invalid('an xsd:dateTime string');
    case 'complex':
      return invalid('a simple value');
    default:
      return typeof raw === 'string' ? raw : invalid('a string');
  }
}

function stringBoolean(raw: JsonValue, context: PatchContext): boolean | undefined {
  const lower = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (lower !== 'true' && lower !== 'false') return undefined;
  context.quirks.add(PATCH_QUIRKS.stringBoolean);
  return lower === 'true';
}

function stringNumber(raw: JsonValue, pattern: RegExp, context: PatchContext): number | undefined {
  if (typeof raw !== 'string' || !pattern.test(raw.trim())) return undefined;
  const value = Number(raw.trim());
  if (!Number.isFinite(value)) return undefined;
  context.quirks.add(PATCH_QUIRKS.stringNumber);
  return value;
}

function isDateTime(raw: JsonValue): raw is string {
  return typeof raw === 'string' && DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw));
}

function describe(raw: JsonValue): string {
  if (Array.isArray(raw)) return 'an array';
  if (isJsonObject(raw)) return 'an object';
  const text = JSON.stringify(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
