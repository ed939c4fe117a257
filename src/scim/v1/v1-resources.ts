/**
 * The 1.1 Users and Groups endpoints: each request is translated into the 2.0 shapes the shared
 * resource functions (`resources/users.ts`, `resources/groups.ts`) take, and their answer back into
 * 1.1. Filters, projection, mapping, GraphQL operations, ETags and audit all happen there, once.
 */
import type { Request } from 'express';
import type { JsonObject, ListResponse } from '../protocol';
import { handlerOf, listOf } from '../resources/resource-handler';
import { resourceId } from '../resources/resource-id';
import type { ScimResult } from '../resources/scim-result';
import { projectionOf } from '../resources/users';
import type { ScimRequest } from '../scim-context';
import type { V1ResourceType } from './protocol';
import {
  toV1ListResponse,
  toV1Resource,
  toV2AttributeList,
  toV2ListQuery,
  toV2Patch,
  toV2Resource,
} from './protocol';

/** What a 1.1 handler answers: the shared result with its body already in 1.1 form. */
export interface V1Result {
  readonly status: number;
  readonly body?: object;
  readonly location?: string;
  readonly etag?: string;
}

const header = (http: Request, name: string): string | undefined => http.get(name) ?? undefined;
const query = (http: Request) => http.query as Record<string, unknown>;
const projection = (http: Request, type: V1ResourceType) =>
  projectionOf({ attributes: toV2AttributeList(query(http).attributes, type) });

function asV1(result: ScimResult): V1Result {
  if (result.body === undefined) return result;
  return { ...result, body: toV1Resource(result.body as JsonObject) };
}

/** The handlers of one resource type, by HTTP method and path (relative to `/Users` or `/Groups`). */
export function v1ResourceHandlers(type: V1ResourceType) {
  const api = handlerOf(type);
  const id = (http: Request) => resourceId(String(http.params.id), type);
  return {
    list: async (req: ScimRequest, http: Request): Promise<V1Result> => {
      const result = await listOf(api, req, toV2ListQuery(query(http), type));
      return { ...result, body: toV1ListResponse(result.body as ListResponse<JsonObject>) };
    },
    get: async (req: ScimRequest, http: Request) =>
      asV1(await api.get(req, id(http), projection(http, type), header(http, 'If-None-Match'))),
    create: async (req: ScimRequest, http: Request) =>
      asV1(await api.create(req, toV2Resource(http.body, type), projection(http, type))),
    replace: async (req: ScimRequest, http: Request) =>
      asV1(
        await api.replace(
          req,
          id(http),
          toV2Resource(http.body, type),
          header(http, 'If-Match'),
          projection(http, type),
        ),
      ),
    patch: async (req: ScimRequest, http: Request) =>
      asV1(
        await api.patch(
          req,
          id(http),
          toV2Patch(http.body, type),
          header(http, 'If-Match'),
          projection(http, type),
        ),
      ),
    remove: async (req: ScimRequest, http: Request): Promise<V1Result> =>
      api.remove(req, id(http), header(http, 'If-Match')),
  };
}
