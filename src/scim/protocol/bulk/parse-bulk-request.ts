/**
 * Parses a Bulk request body (RFC 7644 §3.7):
 *
 *   { "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors"?: N,
 *     "Operations": [{ "method", "bulkId"?, "version"?, "path", "data"? }] }
 *
 * - Over a limit (§3.7.4): "If either limit is exceeded, the service provider MUST return HTTP
 *   response code 413 (Payload Too Large). The returned response MUST specify the limit exceeded
 *   in the body of the error response." The size is checked before the body is looked at.
 * - A malformed message is `400 invalidSyntax` (Table 9: "The request body message structure was
 *   invalid or did not conform to the request schema", applicability "Bulk - Section 3.7"), with
 *   a detail naming the operation index. `failOnErrors` that is not a positive integer is
 *   `400 invalidValue`.
 * - Member names and method names are case-insensitive (some clients send `"method": "post"`).
 *
 * Only the message structure is checked here: whether a path names a served endpoint, and
 * whether bulkId references resolve, are per-operation outcomes (`parseBulkPath`,
 * `resolveBulkIds`), because §3.7 asks the provider to "continue performing as many changes as
 * possible and disregard partial failures".
 */
import type { JsonObject, JsonValue } from '../json';
import { getIgnoringCase, isJsonObject } from '../json';
import { badRequest, plainError } from '../scim-error';
import type { BulkMethod, BulkOperation } from './bulk-operation';
import { BULK_METHODS, BULK_REQUEST_MESSAGE } from './bulk-operation';

export interface BulkLimits {
  readonly maxOperations: number;
  readonly maxPayloadSize: number;
  /** The size in bytes of the request body as received. */
  readonly payloadSize: number;
}

export interface ParsedBulkRequest {
  /** The number of errors after which processing stops; null when the client set none. */
  readonly failOnErrors: number | null;
  readonly operations: BulkOperation[];
}

export function parseBulkRequest(body: unknown, limits: BulkLimits): ParsedBulkRequest {
  if (limits.payloadSize > limits.maxPayloadSize) {
    throw plainError(
      413,
      `The size of the bulk operation (${limits.payloadSize} bytes) exceeds the maxPayloadSize (${limits.maxPayloadSize}).`,
    );
  }
  if (!isJsonObject(body)) throw badRequest('invalidSyntax', 'The bulk request body must be a JSON object');
  checkSchemas(getIgnoringCase(body, 'schemas'));
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', 'The bulk request needs a non-empty "Operations" array');
  }
  if (operations.length > limits.maxOperations) {
    throw plainError(
      413,
      `The number of operations (${operations.length}) exceeds the maxOperations (${limits.maxOperations}).`,
    );
  }
  const failOnErrors = parseFailOnErrors(getIgnoringCase(body, 'failOnErrors'));
  const parsed = operations.map(parseOperation);
  checkUniqueBulkIds(parsed);
  return { failOnErrors, operations: parsed };
}

function checkSchemas(schemas: JsonValue | undefined): void {
  const listed =
    Array.isArray(schemas) &&
    schemas.some(
      (urn) => typeof urn === 'string' && urn.toLowerCase() === BULK_REQUEST_MESSAGE.toLowerCase(),
    );
  if (!listed) throw badRequest('invalidSyntax', `"schemas" must contain "${BULK_REQUEST_MESSAGE}"`);
}

function parseFailOnErrors(value: JsonValue | undefined): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw badRequest('invalidValue', '"failOnErrors" must be a positive integer');
  }
  return value;
}

function parseOperation(operation: JsonValue, index: number): BulkOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) throw badRequest('invalidSyntax', `${where} must be an object`);
  const method = parseMethod(getIgnoringCase(operation, 'method'), where);
  const path = getIgnoringCase(operation, 'path');
  if (typeof path !== 'string' || path === '') {
    throw badRequest('invalidSyntax', `${where}: "path" is required and must be a string`);
  }
  const bulkId = optionalString(getIgnoringCase(operation, 'bulkId'), 'bulkId', where);
  if (method === 'POST' && bulkId === undefined) {
    throw badRequest('invalidSyntax', `${where}: a POST needs a "bulkId"`);
  }
  const version = optionalString(getIgnoringCase(operation, 'version'), 'version', where);
  const data = method === 'DELETE' ? undefined : parseData(getIgnoringCase(operation, 'data'), method, where);
  return {
    method,
    ...(bulkId !== undefined && { bulkId }),
    ...(version !== undefined && { version }),
    path,
    ...(data !== undefined && { data }),
  };
}

function parseMethod(method: JsonValue | undefined, where: string): BulkMethod {
  const upper = typeof method === 'string' ? method.toUpperCase() : undefined;
  const known = BULK_METHODS.find((candidate) => candidate === upper);
  if (!known) throw badRequest('invalidSyntax', `${where}: "method" must be POST, PUT, PATCH or DELETE`);
  return known;
}

/** An absent or null member is left out; otherwise it must be a non-empty string. */
function optionalString(value: JsonValue | undefined, name: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw badRequest('invalidSyntax', `${where}: "${name}" must be a non-empty string`);
  }
  return value;
}

function parseData(data: JsonValue | undefined, method: BulkMethod, where: string): JsonObject {
  if (!isJsonObject(data)) throw badRequest('invalidSyntax', `${where}: a ${method} needs a "data" object`);
  return data;
}

function checkUniqueBulkIds(operations: readonly BulkOperation[]): void {
  const firstUse = new Map<string, number>();
  operations.forEach((operation, index) => {
    if (operation.bulkId === undefined) return;
    const earlier = firstUse.get(operation.bulkId);
    if (earlier !== undefined) {
      throw badRequest(
        'invalidSyntax',
        `Operations[${index}]: bulkId "${operation.bulkId}" is already used by Operations[${earlier}]`,
      );
    }
    firstUse.set(operation.bulkId, index);
  });
}
