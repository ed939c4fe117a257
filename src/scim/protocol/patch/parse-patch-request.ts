/**
 * Parses a PATCH request body (RFC 7644 §3.5.2):
 *
 *   { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
 *     "Operations": [{ "op": "add" | "remove" | "replace", "path"?: PATH, "value"?: any }] }
 *
 * A malformed message is `400 invalidSyntax`; a malformed path is `400 invalidPath`; a `remove`
 * without a path is `400 noTarget` (RFC 7644 §3.5.2.2). Member names are matched
 * case-insensitively and so are op names — Entra sends `"op": "Replace"`.
 */
import type { JsonValue } from '../json';
import { getIgnoringCase, isJsonObject } from '../json';
import { PATCH_OP_MESSAGE } from '../schema/schema-urns';
import { badRequest } from '../scim-error';
import { parsePatchPath } from './parse-patch-path';
import type { PatchOp, PatchOperation } from './patch-operation';
import type { PatchQuirk } from './patch-quirks';
import { PATCH_QUIRKS } from './patch-quirks';

export interface ParsedPatchRequest {
  readonly operations: PatchOperation[];
  readonly quirks: PatchQuirk[];
}

const OPS: readonly PatchOp[] = ['add', 'remove', 'replace'];

export function parsePatchRequest(body: unknown): ParsedPatchRequest {
  if (!isJsonObject(body)) throw badRequest('invalidSyntax', 'The PATCH body must be a JSON object');
  const quirks = checkSchemas(getIgnoringCase(body, 'schemas'));
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', 'The PATCH body needs a non-empty "Operations" array');
  }
  return { operations: operations.map(parseOperation), quirks };
}

function checkSchemas(schemas: JsonValue | undefined): PatchQuirk[] {
  if (schemas === undefined) return [PATCH_QUIRKS.missingPatchOpSchema];
  const listed = Array.isArray(schemas) && schemas.some((urn) => isPatchOpUrn(urn));
  if (!listed) throw badRequest('invalidSyntax', `"schemas" must contain "${PATCH_OP_MESSAGE}"`);
  return [];
}

function isPatchOpUrn(urn: JsonValue): boolean {
  return typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_MESSAGE.toLowerCase();
}

function parseOperation(operation: JsonValue, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) throw badRequest('invalidSyntax', `${where} must be an object`);
  const op = parseOpName(getIgnoringCase(operation, 'op'), where);
  const path = parsePathMember(getIgnoringCase(operation, 'path'), where);
  const value = getIgnoringCase(operation, 'value');
  if (op === 'remove' && path === undefined) {
    throw badRequest('noTarget', `${where}: "remove" needs a "path"`);
  }
  if (op !== 'remove' && value === undefined) {
    throw badRequest('invalidSyntax', `${where}: "${op}" needs a "value"`);
  }
  return {
    op,
    ...(path !== undefined && { path: parsePatchPath(path) }),
    ...(value !== undefined && { value }),
  };
}

function parseOpName(op: JsonValue | undefined, where: string): PatchOp {
  const name = typeof op === 'string' ? op.toLowerCase() : undefined;
  const known = OPS.find((candidate) => candidate === name);
  if (!known) throw badRequest('invalidSyntax', `${where}: "op" must be "add", "remove" or "replace"`);
  return known;
}

/** An empty or null path is treated as absent: some clients send `"path": ""` for no path. */
function parsePathMember(path: JsonValue | undefined, where: string): string | undefined {
  if (path === undefined || path === null || path === '') return undefined;
  if (typeof path !== 'string') throw badRequest('invalidPath', `${where}: "path" must be a string`);
  return path;
}
