/**
 * Applies parsed PATCH operations to a SCIM resource (RFC 7644 §3.5.2).
 *
 * Pure and all-or-nothing: the input is never modified (operations run on a deep copy), and the
 * first failing operation throws a ScimError so the caller writes nothing. Besides the new
 * resource the result reports tolerated client quirks and request attributes the schema does
 * not define (ignored, as RFC 7644 §3.5.2 lets a server do for a partial resource).
 */
import { splitAttrPath } from '../attr-path';
import type { JsonObject, JsonValue } from '../json';
import { cloneJson, findKey, isJsonObject, setIgnoringCase } from '../json';
import type { SchemaDefinition } from '../schema/attribute-definition';
import type { ResourceSchema } from '../schema/resource-schema';
import { findExtension } from '../schema/resource-schema';
import { badRequest, ScimError } from '../scim-error';
import { applyToTarget } from './apply-to-target';
import { createPatchContext } from './patch-context';
import type { PatchContext } from './patch-context';
import { parsePatchPath } from './parse-patch-path';
import type { PatchOp, PatchOperation, PatchPath } from './patch-operation';
import { formatPatchPath } from './patch-operation';
import type { PatchQuirk } from './patch-quirks';
import { PATCH_QUIRKS } from './patch-quirks';
import type { PatchTarget } from './patch-target';
import { resolvePatchTarget } from './patch-target';

export interface PatchResult {
  readonly resource: JsonObject;
  readonly quirks: PatchQuirk[];
  /** Names in no-path values that the schema does not define, e.g. `nickname2`, `emails.foo`. */
  readonly ignoredAttributes: string[];
}

export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): PatchResult {
  const working = cloneJson(resource);
  const context = createPatchContext();
  for (const operation of operations) applyOperation(working, operation, schema, context);
  syncSchemas(working, schema);
  return { resource: working, quirks: [...context.quirks], ignoredAttributes: [...context.ignored] };
}

function applyOperation(
  resource: JsonObject,
  operation: PatchOperation,
  schema: ResourceSchema,
  context: PatchContext,
) {
  // The value is never copied: coercion builds fresh objects, so the result cannot alias it.
  const { op, path, value } = operation;
  if (op !== 'remove' && value === undefined) throw badRequest('invalidSyntax', `"${op}" needs a "value"`);
  if (!path) {
    if (op === 'remove') throw badRequest('noTarget', '"remove" needs a "path"');
    return applyPartialResource(resource, op, value ?? null, schema, context);
  }
  const extension = wholeExtension(schema, path);
  if (extension) {
    context.quirks.add(PATCH_QUIRKS.extensionUrnPath);
    const members = op === 'remove' ? null : (value ?? null);
    return applySchemaMembers(resource, op, extension, members, schema, context);
  }
  const target = resolvePatchTarget(schema, path);
  if (!target) throw badRequest('invalidPath', `Attribute "${formatPatchPath(path)}" is not defined`);
  // RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability readOnly". Named by
  // a path the request can only mean to change it; inside a no-path value it is ignored, as in PUT.
  if (isReadOnly(target)) throw badRequest('mutability', `"${target.label}" is read-only`);
  applyToTarget(resource, { op, target, value }, context);
}

function isReadOnly({ resolved, filterSubAttribute }: PatchTarget): boolean {
  const leaf = resolved.subAttribute ?? filterSubAttribute;
  return resolved.attribute.mutability === 'readOnly' || leaf?.mutability === 'readOnly';
}

/**
 * A no-path add/replace carries a partial resource. Its keys may be attribute names, paths
 * (`name.givenName`, `emails[type eq "work"].value` — Entra sends these), fully qualified names
 * (`urn:…:enterprise:2.0:User:department`) or a schema URN whose value holds that schema's
 * attributes.
 */
function applyPartialResource(
  resource: JsonObject,
  op: PatchOp,
  value: JsonValue,
  schema: ResourceSchema,
  context: PatchContext,
): void {
  if (!isJsonObject(value)) throw badRequest('invalidValue', `"${op}" without a path needs an object value`);
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas') continue;
    const definition = schemaNamed(schema, key);
    if (definition) {
      applySchemaMembers(resource, op, definition, item, schema, context);
      continue;
    }
    const target = targetForKey(schema, key);
    if (target) applyToTarget(resource, { op, target, value: item }, context);
    else context.ignored.add(key);
  }
}

/**
 * Applies `{attribute: value}` members of one schema. A null value (or removing a whole
 * extension) unassigns every writable attribute of that schema.
 */
function applySchemaMembers(
  resource: JsonObject,
  op: PatchOp,
  definition: SchemaDefinition,
  value: JsonValue,
  schema: ResourceSchema,
  context: PatchContext,
): void {
  if (value === null) {
    if (op !== 'add') clearSchemaMembers(resource, definition, schema, context);
    return;
  }
  if (!isJsonObject(value)) throw badRequest('invalidValue', `"${definition.id}" must be an object`);
  for (const [key, item] of Object.entries(value)) {
    const target = targetForKey(schema, `${definition.id}:${key}`);
    if (target) applyToTarget(resource, { op, target, value: item }, context);
    else context.ignored.add(`${definition.id}:${key}`);
  }
}

function clearSchemaMembers(
  resource: JsonObject,
  definition: SchemaDefinition,
  schema: ResourceSchema,
  context: PatchContext,
): void {
  for (const attribute of definition.attributes) {
    const target = targetForKey(schema, `${definition.id}:${attribute.name}`);
    if (target && attribute.mutability !== 'readOnly') {
      applyToTarget(resource, { op: 'remove', target, value: undefined }, context);
    }
  }
}

function schemaNamed(schema: ResourceSchema, key: string): SchemaDefinition | undefined {
  if (key.toLowerCase() === schema.core.id.toLowerCase()) return schema.core;
  return findExtension(schema, key)?.schema;
}

/** `path` naming a whole extension (`urn:…:enterprise:2.0:User`) — not RFC syntax, but sent. */
function wholeExtension(schema: ResourceSchema, path: PatchPath): SchemaDefinition | undefined {
  if (path.schema === undefined || path.filter || path.subAttribute !== undefined) return undefined;
  return findExtension(schema, `${path.schema}:${path.attribute}`)?.schema;
}

function targetForKey(schema: ResourceSchema, key: string): PatchTarget | null {
  try {
    return splitAttrPath(key) || key.includes('[') ? resolvePatchTarget(schema, parsePatchPath(key)) : null;
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidPath') return null;
    throw error;
  }
}

/**
 * Keeps `schemas` consistent with the extension objects present (RFC 7643 §3: it lists the
 * schemas the resource uses) and drops extension objects the patch emptied.
 */
function syncSchemas(resource: JsonObject, schema: ResourceSchema): void {
  const present: string[] = [];
  for (const { schema: extension } of schema.extensions) {
    const key = findKey(resource, extension.id);
    if (key === undefined) continue;
    const value = resource[key];
    delete resource[key];
    if (!isJsonObject(value) || Object.keys(value).length === 0) continue;
    setIgnoringCase(resource, extension.id, value);
    present.push(extension.id);
  }
  setIgnoringCase(resource, 'schemas', [schema.core.id, ...present]);
}
