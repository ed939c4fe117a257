import type { BulkOperation, BulkResult, BulkStep, JsonObject } from '../protocol';
import {
  bulkIdReference,
  bulkResponse,
  errorBody,
  orderBulkOperations,
  parseBulkPath,
  parseBulkRequest,
  plainError,
  resolveBulkIds,
} from '../protocol';
import { toScimError } from '../errors';
import type { ScimRequest } from '../scim-context';
import { handlerOf } from './resource-handler';
import { resourceId } from './resource-id';
import type { ScimResult } from './scim-result';

const NO_PROJECTION = {};

/** The resource id a bulk path names, with a `bulkId:` reference replaced by the id it created. */
function targetId(id: string | undefined, resolved: ReadonlyMap<string, string>): string {
  const reference = id === undefined ? undefined : bulkIdReference(id);
  if (reference === undefined) return id as string;
  const created = resolved.get(reference);
  if (!created)
    throw plainError(409, `bulkId ${reference} does not name a resource created earlier in this request`);
  return created;
}

function dispatch(
  req: ScimRequest,
  operation: BulkOperation,
  resolved: ReadonlyMap<string, string>,
): Promise<ScimResult> {
  const { resource, id } = parseBulkPath(operation.path, operation.method);
  const data = operation.data === undefined ? undefined : resolveBulkIds(operation.data, resolved);
  const api = handlerOf(resource === 'Users' ? 'User' : 'Group');
  const target = () => resourceId(targetId(id, resolved), api.type);
  switch (operation.method) {
    case 'POST':
      return api.create(req, data, NO_PROJECTION);
    case 'PUT':
      return api.replace(req, target(), data, operation.version, NO_PROJECTION);
    case 'PATCH':
      return api.patch(req, target(), data, operation.version, NO_PROJECTION);
    case 'DELETE':
      return api.remove(req, target(), operation.version);
  }
}

async function runStep(req: ScimRequest, step: BulkStep, resolved: Map<string, string>): Promise<BulkResult> {
  const { operation } = step;
  const base = {
    method: operation.method,
    ...(operation.bulkId !== undefined && { bulkId: operation.bulkId }),
  };
  try {
    if (step.error) throw step.error;
    const result = await dispatch(req, operation, resolved);
    const createdId = (result.body as JsonObject | undefined)?.id;
    if (operation.method === 'POST' && operation.bulkId && typeof createdId === 'string')
      resolved.set(operation.bulkId, createdId);
    return {
      ...base,
      status: result.status,
      location: result.location ?? locationOf(req, operation, resolved),
      version: result.etag,
    };
  } catch (error) {
    const scimError = toScimError(error);
    if (scimError.status >= 500) throw error;
    return { ...base, status: scimError.status, response: errorBody(scimError) };
  }
}

function locationOf(
  req: ScimRequest,
  operation: BulkOperation,
  resolved: ReadonlyMap<string, string>,
): string | undefined {
  const { resource, id } = parseBulkPath(operation.path);
  return id === undefined ? undefined : `${req.baseUrl}/${resource}/${targetId(id, resolved)}`;
}

/**
 * RFC 7644 §3.7: operations run one by one, each in its own transaction, in request order except
 * that a POST runs before the operations that reference its bulkId. After `failOnErrors` failures
 * the rest are skipped. A server-side failure (5xx) stops the whole request.
 */
export async function routeBulk(req: ScimRequest, body: unknown, payloadSize: number): Promise<ScimResult> {
  const { bulkMaxOperations: maxOperations, bulkMaxPayloadSize: maxPayloadSize } = req.deps.limits;
  const parsed = parseBulkRequest(body, { maxOperations, maxPayloadSize, payloadSize });
  const resolved = new Map<string, string>();
  const results = new Map<number, BulkResult>();
  let failures = 0;
  for (const step of orderBulkOperations(parsed.operations)) {
    if (parsed.failOnErrors !== null && failures >= parsed.failOnErrors) break;
    const result = await runStep(req, step, resolved);
    if (result.status >= 400) failures += 1;
    results.set(step.index, result);
  }
  const ordered = [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
  return { status: 200, body: bulkResponse(ordered) as unknown as JsonObject };
}
