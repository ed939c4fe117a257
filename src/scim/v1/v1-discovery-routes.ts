/** `/ServiceProviderConfigs` and `/Schemas` in 1.1 form, from the organization's own schemas. */
import type { Request } from 'express';
import { checkDiscoveryQuery, plainError } from '../protocol';
import { GROUP_RESOURCE_SCHEMA, userSchemaOf } from '../resource-schemas';
import type { ScimRequest } from '../scim-context';
import { findV1SchemaResource, V1_CORE_SCHEMA, v1SchemaResource, v1ServiceProviderConfig } from './protocol';
import type { V1Result } from './v1-resources';

const ok = (body: object): V1Result => ({ status: 200, body });

async function schemaResources(req: ScimRequest) {
  return [await userSchemaOf(req), GROUP_RESOURCE_SCHEMA].map((schema) =>
    v1SchemaResource(req.baseUrl, schema),
  );
}

export function v1DiscoveryRoutes(): [string, (req: ScimRequest, http: Request) => Promise<V1Result>][] {
  return [
    [
      '/ServiceProviderConfigs',
      async (req) =>
        ok(v1ServiceProviderConfig({ baseUrl: req.baseUrl, filterMaxResults: req.deps.limits.maxResults })),
    ],
    [
      '/Schemas',
      async (req, http) => {
        checkDiscoveryQuery(http.query);
        const resources = await schemaResources(req);
        return ok({
          schemas: [V1_CORE_SCHEMA],
          totalResults: resources.length,
          itemsPerPage: resources.length,
          startIndex: 1,
          Resources: resources,
        });
      },
    ],
    [
      '/Schemas/:name',
      async (req, http) => {
        const name = String(http.params.name);
        const found = findV1SchemaResource(await schemaResources(req), name);
        if (!found) throw plainError(404, `No schema ${name.slice(0, 100)}`);
        return ok(found);
      },
    ],
  ];
}
