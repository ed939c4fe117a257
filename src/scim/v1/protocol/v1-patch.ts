/**
 * SCIM 1.1 PATCH (draft-scim-api-01 §3.3.2, "Modifying with PATCH") as an RFC 7644 PatchOp, so the
 * shared `patchUser`/`patchGroup` apply it — a group's member changes become membership changes
 * there, never a rewrite of the group.
 *
 * A 1.1 PATCH body is a partial resource. The server first removes the attributes named in
 * `meta.attributes`, then merges the body: singular attributes replace, complex sub-attributes
 * merge, and values of a multi-valued attribute are added (or merged with the value whose `value`
 * matches) — unless the value carries `"operation": "delete"`, which removes the matching value.
 * A delete is ignored for an attribute also named in `meta.attributes`. That maps onto 2.0 as:
 *
 *   meta.attributes: ["title"]                 → { op: remove, path: "title" }
 *   members: [{value: "u1", operation: delete}] → { op: remove, path: 'members[value eq "u1"]' }
 *   everything else (incl. values to add)       → one pathless { op: add, value: {…} }
 *
 * in that order. A pathless 2.0 `add` has exactly the 1.1 merge semantics (RFC 7644 §3.5.2.1:
 * complex values merge, a multi-valued value already present absorbs the new sub-attributes). An
 * explicit `null` unassigns the attribute, as in a 2.0 pathless replace (RFC 7643 §2.5).
 */
import type { JsonObject, JsonValue } from '../../protocol';
import { badRequest, PATCH_OP_MESSAGE } from '../../protocol';
import { toV2AttributeName } from './v1-paths';
import { toV2Resource } from './v1-resource';
import type { V1ResourceType } from './v1-urns';

type PatchOperationBody = { op: 'add' | 'remove'; path?: string; value?: JsonValue };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Members the body carries that are not attributes to merge. */
const NOT_MERGED = new Set(['schemas', 'id', 'meta']);

const isDelete = (item: JsonValue): boolean =>
  isObject(item) &&
  Object.entries(item).some(
    ([key, value]) =>
      key.toLowerCase() === 'operation' && typeof value === 'string' && value.toLowerCase() === 'delete',
  );

const withoutOperation = (item: JsonValue): JsonValue =>
  isObject(item)
    ? (Object.fromEntries(
        Object.entries(item).filter(([key]) => key.toLowerCase() !== 'operation'),
      ) as JsonObject)
    : item;

/** A 1.1 PATCH body as the 2.0 PatchOp message `patchUser`/`patchGroup` take. */
export function toV2Patch(body: unknown, type: V1ResourceType): JsonObject {
  const resource = toV2Resource(body, type);
  const cleared = clearedAttributes(resource.meta, type);
  const operations: PatchOperationBody[] = cleared.map((path) => ({ op: 'remove', path }));
  const clearedNames = new Set(cleared.map((path) => path.toLowerCase()));
  const merged: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(resource)) {
    if (NOT_MERGED.has(key.toLowerCase())) continue;
    const rest = isExtension(key, value)
      ? splitExtension(key, value, clearedNames, operations)
      : splitMember(key, value, clearedNames, operations);
    if (rest !== undefined) merged.push([key, rest]);
  }
  operations.push({ op: 'add', value: Object.fromEntries(merged) as JsonObject });
  return { schemas: [PATCH_OP_MESSAGE], Operations: operations as unknown as JsonValue[] };
}

/** `meta.attributes` in 2.0 spelling. */
function clearedAttributes(meta: JsonValue | undefined, type: V1ResourceType): string[] {
  if (meta === undefined || meta === null) return [];
  const attributes = isObject(meta) ? meta.attributes : undefined;
  if (attributes === undefined) return [];
  if (
    !Array.isArray(attributes) ||
    !attributes.every((name) => typeof name === 'string' && name.trim() !== '')
  ) {
    throw badRequest('invalidSyntax', '"meta.attributes" must be a list of attribute names');
  }
  return (attributes as string[]).map((name) => toV2AttributeName(name, type));
}

/** An extension's attributes sit in an object under its URN. */
const isExtension = (key: string, value: JsonValue): value is JsonObject =>
  isObject(value) && key.toLowerCase().startsWith('urn:');

function splitExtension(
  urn: string,
  value: JsonObject,
  cleared: ReadonlySet<string>,
  operations: PatchOperationBody[],
): JsonValue | undefined {
  const kept: [string, JsonValue][] = [];
  for (const [key, item] of Object.entries(value)) {
    const rest = splitMember(`${urn}:${key}`, item, cleared, operations);
    if (rest !== undefined) kept.push([key, rest]);
  }
  return kept.length > 0 ? (Object.fromEntries(kept) as JsonObject) : undefined;
}

/**
 * Records the removals one attribute of the body asks for (`null`, values marked for deletion) and
 * returns what is left of it to merge, if anything.
 */
function splitMember(
  path: string,
  value: JsonValue,
  cleared: ReadonlySet<string>,
  operations: PatchOperationBody[],
): JsonValue | undefined {
  if (value === null) {
    operations.push({ op: 'remove', path });
    return undefined;
  }
  if (Array.isArray(value)) {
    if (!cleared.has(path.toLowerCase()))
      for (const item of value.filter(isDelete)) operations.push(removeValue(path, item));
    const kept = value.filter((item) => !isDelete(item)).map(withoutOperation);
    return kept.length > 0 ? kept : undefined;
  }
  return value;
}

/**
 * The value to delete is the one whose `value` matches; a value without one (an address) must
 * match in every sub-attribute, which the 2.0 remove-by-value form does.
 */
function removeValue(path: string, item: JsonValue): PatchOperationBody {
  const id = isObject(item) ? item.value : undefined;
  if (typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean') {
    return { op: 'remove', path: `${path}[value eq ${JSON.stringify(id)}]` };
  }
  return { op: 'remove', path, value: [withoutOperation(item)] };
}
