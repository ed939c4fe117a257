/**
 * `/Schemas` (RFC 7643 §7, example in §8.7.1): one Schema resource per schema URN used by the
 * resource types passed in — core User, the Enterprise User extension, each custom extension,
 * then Group — with every attribute in the §7 representation.
 *
 * The common attributes `id`, `externalId` and `meta` are not listed: RFC 7643 §3.1 defines them
 * apart from every schema, and `schema/` keeps them in `COMMON_ATTRIBUTES` rather than in any
 * `SchemaDefinition`, so they never reach this module. Schema ids are URNs, which compare
 * case-insensitively here as everywhere else in `protocol/` (RFC 7643 §2.1).
 */
import type { AttributeDefinition, SchemaDefinition } from '../schema/attribute-definition';
import type { ResourceSchema } from '../schema/resource-schema';
import type { DiscoveryMeta } from './discovery-common';
import { discoveryLocation, SCHEMA_SCHEMA } from './discovery-common';

export type SchemaAttribute = {
  name: string;
  type: AttributeDefinition['type'];
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: AttributeDefinition['mutability'];
  returned: AttributeDefinition['returned'];
  uniqueness: AttributeDefinition['uniqueness'];
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: SchemaAttribute[];
};

export type SchemaResource = {
  schemas: [typeof SCHEMA_SCHEMA];
  id: string;
  name: string;
  description: string;
  attributes: SchemaAttribute[];
  meta: DiscoveryMeta;
};

export function schemaResource(baseUrl: string, definition: SchemaDefinition): SchemaResource {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: definition.id,
    name: definition.name,
    description: definition.description,
    attributes: definition.attributes.map(schemaAttribute),
    meta: { resourceType: 'Schema', location: discoveryLocation(baseUrl, `Schemas/${definition.id}`) },
  };
}

/** Every schema of `resourceSchemas`, core before its extensions, each URN once. */
export function schemaResources(
  baseUrl: string,
  resourceSchemas: readonly ResourceSchema[],
): SchemaResource[] {
  const seen = new Set<string>();
  const definitions = resourceSchemas
    .flatMap((schema) => [schema.core, ...schema.extensions.map((extension) => extension.schema)])
    .filter((definition) => {
      const key = definition.id.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return definitions.map((definition) => schemaResource(baseUrl, definition));
}

/** The schema whose URN is `urn` (case-insensitively), or null (the caller answers 404). */
export function findSchemaResource(list: readonly SchemaResource[], urn: string): SchemaResource | null {
  const lower = urn.toLowerCase();
  return list.find((schema) => schema.id.toLowerCase() === lower) ?? null;
}

function schemaAttribute(attribute: AttributeDefinition): SchemaAttribute {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    ...(attribute.canonicalValues && { canonicalValues: [...attribute.canonicalValues] }),
    ...(attribute.referenceTypes && { referenceTypes: [...attribute.referenceTypes] }),
    ...(attribute.subAttributes && { subAttributes: attribute.subAttributes.map(schemaAttribute) }),
  };
}
