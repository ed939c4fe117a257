/**
 * Writes an attribute back after an operation, applying the clean-up rules every operation
 * shares: an empty multi-valued attribute is removed (RFC 7644 §3.5.2.2: "If no other values
 * remain … the attribute SHALL be considered unassigned"), and a complex value left empty or
 * without its `value` is removed.
 */
import type { JsonObject, JsonValue } from '../json';
import { deleteIgnoringCase, getIgnoringCase, setIgnoringCase } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute } from '../schema/attribute-definition';
import { isCompleteValue, normalizePrimary, pruneTouched } from './multi-valued-values';
import { assertMutable } from './value-equality';

export function writeList(
  container: JsonObject,
  attribute: AttributeDefinition,
  list: readonly JsonValue[],
  touched: ReadonlySet<JsonValue> = new Set(),
  label: string = attribute.name,
): void {
  normalizePrimary(attribute, list, touched, label);
  const kept = pruneTouched(attribute, list, touched);
  if (kept.length === 0) deleteIgnoringCase(container, attribute.name);
  else setIgnoringCase(container, attribute.name, kept);
}

export function writeComplex(container: JsonObject, attribute: AttributeDefinition, value: JsonObject): void {
  if (isCompleteValue(attribute, value)) setIgnoringCase(container, attribute.name, value);
  else deleteIgnoringCase(container, attribute.name);
}

/**
 * Merges sub-attribute values into a complex value (RFC 7644 §3.5.2.3: sub-attributes not
 * given are left unchanged; a null given clears one). Changing an immutable sub-attribute is
 * `400 mutability`.
 */
export function mergeSubAttributes(
  attribute: AttributeDefinition,
  target: JsonObject,
  incoming: JsonObject,
  label: string,
): void {
  for (const [key, value] of Object.entries(incoming)) {
    const sub = findAttribute(attribute.subAttributes, key);
    if (sub) assertMutable(sub, getIgnoringCase(target, key), value ?? undefined, `${label}.${sub.name}`);
    if (value === null) deleteIgnoringCase(target, key);
    else setIgnoringCase(target, sub?.name ?? key, value);
  }
}
