/**
 * Turns a Group PATCH into membership changes plus the remaining attribute operations, so the
 * facade can run dedicated, idempotent membership mutations instead of rewriting a group that
 * may have 100,000 members (DESIGN.md, "SCIM facade").
 *
 * Operations are folded in order with set arithmetic, so the plan is linear in the number of
 * member ids. Execute it as: (1) if `replaceMembersWith` is set, make it the exact membership,
 * else if `removeAllMembers`, remove every member; (2) add `membersToAdd`; (3) remove
 * `membersToRemove`. `membersToAdd` and `membersToRemove` never share an id.
 *
 * Member filters must select by id (`members[value eq "id"]`, optionally or-ed): any other
 * member filter would need the current membership, which the plan does not have, and is
 * answered `400 invalidFilter` ("filter comparison combination is not supported").
 */
import type { Filter } from '../filter/filter-ast';
import type { JsonObject, JsonValue } from '../json';
import { getIgnoringCase, isJsonObject } from '../json';
import type { ResourceSchema } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';
import { badRequest } from '../scim-error';
import { asList } from './multi-valued-values';
import type { PatchOperation } from './patch-operation';
import { formatPatchPath } from './patch-operation';
import type { PatchQuirk } from './patch-quirks';
import { PATCH_QUIRKS } from './patch-quirks';
import type { PatchTarget } from './patch-target';
import { resolvePatchTarget } from './patch-target';
import { MembershipChanges } from './membership-changes';

export interface GroupPatchPlan {
  readonly membersToAdd: string[];
  readonly membersToRemove: string[];
  readonly removeAllMembers: boolean;
  readonly replaceMembersWith?: string[];
  /** The operations that do not touch `members`, for `applyPatch` on the group. */
  readonly attributeOperations: PatchOperation[];
  readonly quirks: PatchQuirk[];
}

export function planGroupPatch(
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): GroupPatchPlan {
  const changes = new MembershipChanges();
  const quirks = new Set<PatchQuirk>();
  const attributeOperations: PatchOperation[] = [];
  for (const operation of operations) {
    const rest = planOperation(operation, schema, changes, quirks);
    if (rest) attributeOperations.push(rest);
  }
  return { ...changes.toPlan(), attributeOperations, quirks: [...quirks] };
}

/** Records the member part of an operation; returns what is left for `applyPatch`. */
function planOperation(
  operation: PatchOperation,
  schema: ResourceSchema,
  changes: MembershipChanges,
  quirks: Set<PatchQuirk>,
): PatchOperation | undefined {
  const { op, path, value } = operation;
  if (!path) {
    if (op === 'remove') throw badRequest('noTarget', '"remove" needs a "path"');
    return splitPartialResource(operation, schema, changes, quirks);
  }
  const target = resolvePatchTarget(schema, path);
  if (!target) throw badRequest('invalidPath', `Attribute "${formatPatchPath(path)}" is not defined`);
  if (!isMembers(target)) return operation;
  if (target.resolved.subAttribute || target.filterSubAttribute || (target.filter && op !== 'remove')) {
    throw badRequest(
      'mutability',
      `Sub-attributes of "members" are immutable; add or remove members instead`,
    );
  }
  if (target.filter) changes.remove(idsInFilter(target.filter, target.label));
  else if (op === 'add') changes.add(memberIds(value ?? null, quirks));
  else if (op === 'replace') changes.replace(memberIds(value ?? null, quirks));
  else if (value !== undefined && value !== null) {
    quirks.add(PATCH_QUIRKS.removeMembersByValue);
    changes.remove(memberIds(value, quirks));
  } else changes.clear();
  return undefined;
}

/** A no-path add/replace: `members` goes to the plan, every other member stays an operation. */
function splitPartialResource(
  operation: PatchOperation,
  schema: ResourceSchema,
  changes: MembershipChanges,
  quirks: Set<PatchQuirk>,
): PatchOperation | undefined {
  const { op, value } = operation;
  if (!isJsonObject(value)) throw badRequest('invalidValue', `"${op}" without a path needs an object value`);
  const rest: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isMembersKey(schema, key)) {
      Object.defineProperty(rest, key, { value: item, enumerable: true, writable: true, configurable: true });
    } else if (op === 'add') changes.add(memberIds(item, quirks));
    else changes.replace(memberIds(item, quirks));
  }
  return Object.keys(rest).length > 0 ? { op, value: rest } : undefined;
}

/** `members`, `Members` or `urn:ietf:params:scim:schemas:core:2.0:Group:members`. */
function isMembersKey(schema: ResourceSchema, key: string): boolean {
  const resolved = resolveAttribute(schema, key);
  return (
    !!resolved && !resolved.subAttribute && !resolved.isExtension && resolved.attribute.name === 'members'
  );
}

function isMembers(target: PatchTarget): boolean {
  return !target.resolved.isExtension && target.resolved.attribute.name === 'members';
}

/** Member ids from `[{"value": "id"}, …]`; a bare `"id"` is tolerated. */
function memberIds(value: JsonValue, quirks: Set<PatchQuirk>): string[] {
  return asList(value).map((item) => {
    const id = isJsonObject(item) ? getIgnoringCase(item, 'value') : item;
    if (typeof id !== 'string' || id === '') {
      throw badRequest('invalidValue', 'Each member needs a non-empty string "value"');
    }
    if (!isJsonObject(item)) quirks.add(PATCH_QUIRKS.memberAsString);
    return id;
  });
}

/** `value eq "a"` or `value eq "a" or value eq "b"` → ["a", "b"]. */
function idsInFilter(filter: Filter, label: string): string[] {
  const parts = filter.kind === 'or' ? filter.filters : [filter];
  return parts.map((part) => {
    if (
      part.kind === 'compare' &&
      part.op === 'eq' &&
      part.path.attribute === 'value' &&
      typeof part.value === 'string'
    ) {
      return part.value;
    }
    throw badRequest('invalidFilter', `"${label}": members can only be selected by "value eq"`);
  });
}
