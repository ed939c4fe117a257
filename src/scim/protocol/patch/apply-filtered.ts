/**
 * Add/replace/remove on a value-path target: `emails[type eq "work"]` or
 * `emails[type eq "work"].value` (RFC 7644 §3.5.2.1–3).
 *
 * - remove: removes the matching values (or their sub-attribute); no match is `400 noTarget`.
 * - add/replace: updates every matching value. When nothing matches, RFC 7644 §3.5.2.3 answers
 *   noTarget, but Microsoft Entra ID sends `add emails[type eq "work"].value` to *create* the
 *   work email. So when the filter is a conjunction of `eq` tests, a value is created with those
 *   tests as its sub-attributes, and the quirk is recorded. Other filters still get noTarget.
 */
import type { Filter } from '../filter/filter-ast';
import { matchesValueFilter } from '../filter/evaluate-filter';
import type { JsonObject, JsonValue } from '../json';
import { deleteIgnoringCase, getIgnoringCase, isJsonObject, setIgnoringCase } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { badRequest } from '../scim-error';
import type { TargetOperation } from './apply-to-target';
import { coerceComplex, coerceSubAttribute } from './coerce-value';
import { asList } from './multi-valued-values';
import type { PatchContext } from './patch-context';
import { PATCH_QUIRKS } from './patch-quirks';
import { assertMutable } from './value-equality';
import { mergeSubAttributes, writeComplex, writeList } from './write-attribute';

export function applyFiltered(
  container: JsonObject,
  operation: TargetOperation,
  filter: Filter,
  context: PatchContext,
): void {
  const { attribute } = operation.target.resolved;
  const list = asList(getIgnoringCase(container, attribute.name));
  const matched = list.filter(
    (value): value is JsonObject => isJsonObject(value) && matchesValueFilter(filter, value, attribute),
  );
  const incoming = operation.op === 'remove' ? undefined : coerceIncoming(operation, context);
  // RFC 7643 §2.5: null means unassigned, so replacing with null removes; adding null adds nothing.
  if (incoming === undefined && operation.op === 'add') return;
  if (incoming === undefined) return removeMatched(container, operation, list, matched);
  if (matched.length === 0) matched.push(createFromFilter(operation, filter, list, context));
  for (const element of matched) updateElement(operation, element, incoming);
  write(container, attribute, list, new Set<JsonValue>(matched), operation.target.label);
}

function coerceIncoming({ target, value }: TargetOperation, context: PatchContext): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const sub = target.filterSubAttribute;
  if (sub) return coerceSubAttribute(sub, value, context, target.label);
  return coerceComplex(target.resolved.attribute, value, context, target.label, true);
}

function removeMatched(
  container: JsonObject,
  { target }: TargetOperation,
  list: JsonValue[],
  matched: JsonObject[],
) {
  if (matched.length === 0) throw badRequest('noTarget', `No value matches "${target.label}"`);
  const { attribute } = target.resolved;
  const sub = target.filterSubAttribute;
  if (!sub) {
    const removed = new Set<JsonValue>(matched);
    return write(
      container,
      attribute,
      list.filter((value) => !removed.has(value)),
      new Set(),
      target.label,
    );
  }
  if (sub.required) throw badRequest('mutability', `"${target.label}" is required`);
  for (const element of matched) {
    assertMutable(sub, getIgnoringCase(element, sub.name), undefined, target.label);
    deleteIgnoringCase(element, sub.name);
  }
  write(container, attribute, list, new Set<JsonValue>(matched), target.label);
}

function updateElement({ target }: TargetOperation, element: JsonObject, incoming: JsonValue): void {
  const sub = target.filterSubAttribute;
  if (!sub) {
    return mergeSubAttributes(target.resolved.attribute, element, incoming as JsonObject, target.label);
  }
  assertMutable(sub, getIgnoringCase(element, sub.name), incoming, target.label);
  setIgnoringCase(element, sub.name, incoming);
}

function createFromFilter(
  { target }: TargetOperation,
  filter: Filter,
  list: JsonValue[],
  context: PatchContext,
): JsonObject {
  const template = equalityTemplate(filter);
  if (!template || (!target.resolved.attribute.multiValued && list.length > 0)) {
    throw badRequest('noTarget', `No value matches "${target.label}"`);
  }
  context.quirks.add(PATCH_QUIRKS.addOnUnmatchedFilter);
  list.push(template);
  return template;
}

/** `type eq "work" and primary eq true` → `{type: "work", primary: true}`; null for anything else. */
export function equalityTemplate(filter: Filter): JsonObject | null {
  const template: JsonObject = {};
  for (const part of filter.kind === 'and' ? filter.filters : [filter]) {
    if (part.kind !== 'compare' || part.op !== 'eq' || part.value === null) return null;
    const name = part.path.attribute;
    const existing = getIgnoringCase(template, name);
    if (existing !== undefined && existing !== part.value) return null;
    setIgnoringCase(template, name, part.value);
  }
  return template;
}

function write(
  container: JsonObject,
  attribute: AttributeDefinition,
  list: JsonValue[],
  touched: Set<JsonValue>,
  label: string,
) {
  if (attribute.multiValued) return writeList(container, attribute, list, touched, label);
  const [value] = list;
  if (isJsonObject(value)) writeComplex(container, attribute, value);
  else deleteIgnoringCase(container, attribute.name);
}
