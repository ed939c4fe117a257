import type { BulkOperation, BulkResult, BulkStep, JsonObject, ScimError } from '../protocol';
import {
  bulkIdReference,
  bulkIdReferences,
  bulkResponse,
  errorBody,
  orderBulkOperations,
  parseBulkPath,
  parseBulkRequest,
  plainError,
  resolveBulkIds,
  scimError,
} from '../protocol';
import { toScimError } from '../errors';
import type { ScimRequest } from '../scim-context';
import type { ResourceHandler } from './resource-handler';
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

/**
 * Per request: the id each bulkId resolved to, and the bulkIds resolved to a resource an earlier
 * attempt of this request created (`createdEarlier`), the sign that the request is being retried.
 */
interface BulkIds {
  readonly resolved: Map<string, string>;
  readonly adopted: Set<string>;
}

function dispatch(req: ScimRequest, operation: BulkOperation, ids: BulkIds): Promise<ScimResult> {
  const { resolved } = ids;
  const { resource, id } = parseBulkPath(operation.path, operation.method);
  const data = operation.data === undefined ? undefined : resolveBulkIds(operation.data, resolved);
  const api = handlerOf(resource === 'Users' ? 'User' : 'Group');
  const target = () => resourceId(targetId(id, resolved), api.type);
  switch (operation.method) {
    case 'POST':
      return createOnce(req, api, operation, data, ids);
    case 'PUT':
      return api.replace(req, target(), data, operation.version, NO_PROJECTION);
    case 'PATCH':
      return api.patch(req, target(), data, operation.version, NO_PROJECTION);
    case 'DELETE':
      return api.remove(req, target(), operation.version);
  }
}

/**
 * A POST that is safe to send again after a crash cut its request short (IdPs and scripts retry the
 * whole Bulk). Its resource may already exist, made by the earlier attempt: the POST then answers
 * 409 uniqueness on the userName, or — groups have no uniqueness key — would make a duplicate.
 * When the existing resource is exactly what this POST would create (`createdEarlier`), it is taken
 * as this operation's result for the rest of the request: its bulkId resolves to it, so later
 * operations that reference `bulkId:<it>` work, and nothing is written. A group is looked for only
 * in a request already shown to be a retry — one of the bulkIds its data references was resolved
 * that way — so a first attempt still creates every group it asks for, identical or not.
 *
 * The operation's own result stays the 409 `uniqueness` that a create of an existing resource
 * answers (RFC 7644 §3.3: "If the service provider determines that the creation of the requested
 * resource conflicts with existing resources ... MUST return HTTP status code 409 (Conflict) with a
 * "scimType" error code of "uniqueness""): this POST created nothing, a 201 or 200 would claim it
 * did, and a retry answers for each such resource what a retry of the single POST would. A 409
 * against a resource that is not the same keeps the bulkId unresolved, as before.
 */
async function createOnce(
  req: ScimRequest,
  api: ResourceHandler,
  operation: BulkOperation,
  data: JsonObject | undefined,
  ids: BulkIds,
): Promise<ScimResult> {
  const retried = bulkIdReferences(operation.data).some((bulkId) => ids.adopted.has(bulkId));
  const earlier = retried ? await api.createdEarlier(req, data) : undefined;
  if (earlier !== undefined) throw adopt(ids, operation, api, earlier);
  try {
    return await api.create(req, data, NO_PROJECTION);
  } catch (error) {
    if (toScimError(error).scimType !== 'uniqueness') throw error;
    const existing = await api.createdEarlier(req, data);
    throw existing === undefined ? error : adopt(ids, operation, api, existing);
  }
}

/** Resolves the operation's bulkId to `id`, an earlier attempt's resource; the 409 to answer with. */
function adopt(ids: BulkIds, operation: BulkOperation, api: ResourceHandler, id: string): ScimError {
  const bulkId = operation.bulkId as string;
  ids.resolved.set(bulkId, id);
  ids.adopted.add(bulkId);
  return scimError(
    'uniqueness',
    `${api.type === 'User' ? 'A user' : 'A group'} equal to this operation's data already exists (made by an ` +
      `earlier attempt of this request); later operations' "bulkId:${bulkId}" refer to it`,
  );
}

async function runStep(req: ScimRequest, step: BulkStep, ids: BulkIds): Promise<BulkResult> {
  const { operation } = step;
  const base = {
    method: operation.method,
    ...(operation.bulkId !== undefined && { bulkId: operation.bulkId }),
  };
  try {
    if (step.error) throw step.error;
    const result = await dispatch(req, operation, ids);
    const createdId = (result.body as JsonObject | undefined)?.id;
    if (operation.method === 'POST' && operation.bulkId && typeof createdId === 'string')
      ids.resolved.set(operation.bulkId, createdId);
    return {
      ...base,
      status: result.status,
      location: result.location ?? locationOf(req, operation, ids.resolved),
      version: result.etag,
    };
  } catch (error) {
    const failure = toScimError(error);
    if (failure.status >= 500) throw error;
    return { ...base, status: failure.status, response: errorBody(failure) };
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
 * the rest are skipped. A server-side failure (5xx) stops the whole request. The whole request may
 * be sent again after a crash cut it short: see `createOnce` (its 409s count towards failOnErrors,
 * like every error result).
 */
export async function routeBulk(req: ScimRequest, body: unknown, payloadSize: number): Promise<ScimResult> {
  const { bulkMaxOperations: maxOperations, bulkMaxPayloadSize: maxPayloadSize } = req.deps.limits;
  const parsed = parseBulkRequest(body, { maxOperations, maxPayloadSize, payloadSize });
  const ids: BulkIds = { resolved: new Map(), adopted: new Set() };
  const results = new Map<number, BulkResult>();
  let failures = 0;
  for (const step of orderBulkOperations(parsed.operations)) {
    if (parsed.failOnErrors !== null && failures >= parsed.failOnErrors) break;
    const result = await runStep(req, step, ids);
    if (result.status >= 400) failures += 1;
    results.set(step.index, result);
  }
  const ordered = [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
  return { status: 200, body: bulkResponse(ordered) as unknown as JsonObject };
}
