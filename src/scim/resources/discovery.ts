import type { Request } from 'express';
import {
  checkDiscoveryQuery,
  discoveryList,
  findResourceType,
  findSchemaResource,
  plainError,
  resourceTypes,
  schemaResources,
  serviceProviderConfig,
} from '../protocol';
import type { JsonObject } from '../protocol';
import { GROUP_RESOURCE_SCHEMA, userSchemaOf } from '../resource-schemas';
import type { ScimRequest } from '../scim-context';
import type { ScimResult } from './scim-result';

const ok = (body: unknown): ScimResult => ({ status: 200, body: body as JsonObject });

async function schemasOf(req: ScimRequest) {
  const user = await userSchemaOf(req);
  return { user, list: schemaResources(req.baseUrl, [user, GROUP_RESOURCE_SCHEMA]) };
}

/** RFC 7644 §4: what this server supports, described from the same data it runs on. */
export function discoveryRoutes(): [string, (req: ScimRequest, http: Request) => Promise<ScimResult>][] {
  return [
    [
      '/ServiceProviderConfig',
      async (req) => {
        const { limits } = req.deps;
        return ok(
          serviceProviderConfig({
            baseUrl: req.baseUrl,
            bulk: { maxOperations: limits.bulkMaxOperations, maxPayloadSize: limits.bulkMaxPayloadSize },
            filterMaxResults: limits.maxResults,
            pagination: { defaultPageSize: limits.defaultCount, maxPageSize: limits.maxResults },
          }),
        );
      },
    ],
    [
      '/ResourceTypes',
      async (req, http) => {
        checkDiscoveryQuery(http.query);
        return ok(discoveryList(resourceTypes(req.baseUrl, await userSchemaOf(req), GROUP_RESOURCE_SCHEMA)));
      },
    ],
    [
      '/ResourceTypes/:id',
      async (req, http) => {
        const found = findResourceType(
          resourceTypes(req.baseUrl, await userSchemaOf(req), GROUP_RESOURCE_SCHEMA),
          String(http.params.id),
        );
        if (!found) throw plainError(404, `No resource type ${String(http.params.id)}`);
        return ok(found);
      },
    ],
    [
      '/Schemas',
      async (req, http) => {
        checkDiscoveryQuery(http.query);
        return ok(discoveryList((await schemasOf(req)).list));
      },
    ],
    [
      '/Schemas/:id',
      async (req, http) => {
        const found = findSchemaResource((await schemasOf(req)).list, String(http.params.id));
        if (!found) throw plainError(404, `No schema ${String(http.params.id)}`);
        return ok(found);
      },
    ],
  ];
}
