/**
 * `/ResourceTypes` (RFC 7643 §6, example in §8.6): one ResourceType resource per ResourceSchema,
 * listing every extension the schema carries — the organisation's custom extensions included,
 * since the ResourceSchema passed in is the organisation's own.
 *
 * `schemaExtensions` is OPTIONAL (§6) and left out when a type has no extension, as the §8.6
 * Group example does. A ResourceType `id` is its name; like every `id` it is caseExact (§3.1),
 * so `findResourceType` matches it exactly.
 */
import type { ResourceSchema } from '../schema/resource-schema';
import type { DiscoveryMeta } from './discovery-common';
import { discoveryLocation, RESOURCE_TYPE_SCHEMA } from './discovery-common';

export type ResourceTypeResource = {
  schemas: [typeof RESOURCE_TYPE_SCHEMA];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
  meta: DiscoveryMeta;
};

export function resourceTypeResource(baseUrl: string, schema: ResourceSchema): ResourceTypeResource {
  const extensions = schema.extensions.map((extension) => ({
    schema: extension.schema.id,
    required: extension.required,
  }));
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: schema.name,
    name: schema.name,
    endpoint: schema.endpoint,
    description: schema.description,
    schema: schema.core.id,
    ...(extensions.length > 0 && { schemaExtensions: extensions }),
    meta: {
      resourceType: 'ResourceType',
      location: discoveryLocation(baseUrl, `ResourceTypes/${schema.name}`),
    },
  };
}

/** The User and Group resource types, in that order. */
export function resourceTypes(
  baseUrl: string,
  userResourceSchema: ResourceSchema,
  groupResourceSchema: ResourceSchema,
): ResourceTypeResource[] {
  return [userResourceSchema, groupResourceSchema].map((schema) => resourceTypeResource(baseUrl, schema));
}

/** The resource type whose id is `name`, or null (the caller answers 404). */
export function findResourceType(
  list: readonly ResourceTypeResource[],
  name: string,
): ResourceTypeResource | null {
  return list.find((resourceType) => resourceType.id === name) ?? null;
}
