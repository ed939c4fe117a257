/**
 * Applies one add/replace/remove to a resolved target without a value filter: a whole attribute
 * (`emails`, `title`, `name`) or a sub-attribute (`name.givenName`, `emails.value`). Semantics
 * are RFC 7644 §3.5.2.1–3; mutability rules are RFC 7643 §2.2:
 * - readOnly: values inside a no-path value are ignored (as §3.5.1 prescribes for PUT); a path
 *   naming one is refused with `400 mutability` before it gets here (apply-patch.ts).
 * - immutable: may be set while unassigned, never changed.
 * - removing, or replacing with null, a required attribute is `400 mutability` (§3.5.2.2).
 */
import type { JsonObject, JsonValue } from '../json';
import { deleteIgnoringCase, getIgnoringCase, isJsonObject, isUnassigned, setIgnoringCase } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import type { ResolvedAttribute } from '../schema/resolve-attribute';
import { badRequest } from '../scim-error';
import { applyFiltered } from './apply-filtered';
import { coerceAttributeValue, coerceSubAttribute } from './coerce-value';
import type { PatchContext } from './patch-context';
import type { PatchOp } from './patch-operation';
import { PATCH_QUIRKS } from './patch-quirks';
import type { PatchTarget } from './patch-target';
import { addValues, asList, removeListedValues } from './multi-valued-values';
import { assertMutable } from './value-equality';
import { mergeSubAttributes, writeComplex, writeList } from './write-attribute';

export interface TargetOperation {
  readonly op: PatchOp;
  readonly target: PatchTarget;
  readonly value: JsonValue | undefined;
}

export function applyToTarget(resource: JsonObject, operation: TargetOperation, context: PatchContext): void {
  const { op, target } = operation;
  const { attribute, subAttribute } = target.resolved;
  const leaf = subAttribute ?? target.filterSubAttribute;
  if (attribute.mutability === 'readOnly' || leaf?.mutability === 'readOnly') return;
  const container = containerFor(resource, target.resolved, op !== 'remove');
  if (!container) return;
  const wasAssigned = !isUnassigned(getIgnoringCase(container, attribute.name));
  if (target.filter) applyFiltered(container, operation, target.filter, context);
  else if (subAttribute) applySubAttribute(container, operation, subAttribute, context);
  else applyWhole(container, operation, context);
  if (attribute.required && wasAssigned && isUnassigned(getIgnoringCase(container, attribute.name))) {
    throw badRequest('mutability', `"${target.label}" is required and cannot be removed`);
  }
}

/** The object holding the attribute: the resource, or its extension object (created on write). */
function containerFor(
  resource: JsonObject,
  resolved: ResolvedAttribute,
  create: boolean,
): JsonObject | undefined {
  if (!resolved.isExtension) return resource;
  const existing = getIgnoringCase(resource, resolved.schemaUrn);
  if (isJsonObject(existing)) return existing;
  if (!create) return undefined;
  const created: JsonObject = {};
  setIgnoringCase(resource, resolved.schemaUrn, created);
  return created;
}

function applyWhole(
  container: JsonObject,
  { op, target, value }: TargetOperation,
  context: PatchContext,
): void {
  const { attribute } = target.resolved;
  const existing = getIgnoringCase(container, attribute.name);
  if (op === 'remove') {
    if (attribute.multiValued && value !== undefined && value !== null) {
      context.quirks.add(
        attribute.name === 'members' ? PATCH_QUIRKS.removeMembersByValue : PATCH_QUIRKS.removeValuesByValue,
      );
      return writeList(container, attribute, removeListedValues(attribute, asList(existing), value));
    }
    assertMutable(attribute, existing, undefined, target.label);
    return deleteIgnoringCase(container, attribute.name);
  }
  const incoming = coerceAttributeValue(attribute, value ?? null, context, target.label);
  if (incoming === undefined) {
    if (op === 'add') return;
    assertMutable(attribute, existing, undefined, target.label);
    return deleteIgnoringCase(container, attribute.name);
  }
  if (attribute.multiValued) {
    writeValues(container, op, target, asList(incoming));
  } else if (attribute.type === 'complex') {
    mergeComplex(container, attribute, incoming as JsonObject, target.label);
  } else {
    assertMutable(attribute, existing, incoming, target.label);
    setIgnoringCase(container, attribute.name, incoming);
  }
}

function writeValues(container: JsonObject, op: PatchOp, target: PatchTarget, incoming: JsonValue[]): void {
  const { attribute } = target.resolved;
  const existing = getIgnoringCase(container, attribute.name);
  const touched = new Set<JsonValue>(op === 'replace' ? incoming : []);
  if (op === 'replace') assertMutable(attribute, existing, incoming, target.label);
  const list = op === 'add' ? addValues(attribute, asList(existing), incoming, touched) : incoming;
  writeList(container, attribute, list, touched, target.label);
}

/** RFC 7644 §3.5.2.3: sub-attributes not specified in the value are left unchanged. */
function mergeComplex(
  container: JsonObject,
  attribute: AttributeDefinition,
  incoming: JsonObject,
  label: string,
) {
  const existing = getIgnoringCase(container, attribute.name);
  const merged: JsonObject = isJsonObject(existing) ? existing : {};
  mergeSubAttributes(attribute, merged, incoming, label);
  writeComplex(container, attribute, merged);
}

function applySubAttribute(
  container: JsonObject,
  { op, target, value }: TargetOperation,
  sub: AttributeDefinition,
  context: PatchContext,
): void {
  const { attribute } = target.resolved;
  if (op === 'remove' && sub.required) throw badRequest('mutability', `"${target.label}" is required`);
  const incoming =
    op === 'remove' || value === undefined || value === null
      ? undefined
      : coerceSubAttribute(sub, value, context, target.label);
  const setSub = (element: JsonObject) => {
    assertMutable(sub, getIgnoringCase(element, sub.name), incoming, target.label);
    if (incoming === undefined) deleteIgnoringCase(element, sub.name);
    else setIgnoringCase(element, sub.name, incoming);
  };
  if (!attribute.multiValued) {
    const existing = getIgnoringCase(container, attribute.name);
    const element: JsonObject = isJsonObject(existing) ? existing : {};
    setSub(element);
    return writeComplex(container, attribute, element);
  }
  // `emails.value` without a filter addresses the sub-attribute of every value; with no values
  // yet, add/replace creates one.
  const list = asList(getIgnoringCase(container, attribute.name));
  const elements = list.filter(isJsonObject);
  if (elements.length === 0 && incoming !== undefined) elements.push(appendNew(list));
  elements.forEach(setSub);
  writeList(container, attribute, list, new Set<JsonValue>(elements), target.label);
}

function appendNew(list: JsonValue[]): JsonObject {
  const element: JsonObject = {};
  list.push(element);
  return element;
}
