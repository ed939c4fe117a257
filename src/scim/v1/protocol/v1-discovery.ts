/**
 * The 1.1 discovery documents (draft-scim-api-01 §4, draft-scim-core-schema-01 §5 and §9):
 * `/ServiceProviderConfigs` (plural in 1.1) and the resource schemas at `/Schemas/Users` and
 * `/Schemas/Groups`. Both are built from the same data as their 2.0 counterparts — the limits from
 * configuration, the attributes from the organization's own `ResourceSchema` (custom extensions
 * included) — in 1.1's shape: `specUrl`/`documentationUrl`, one schema document per resource type
 * whose attributes each name their `schema`, `readOnly` instead of `mutability`.
 */
import type { AttributeDefinition, JsonObject, JsonValue, ResourceSchema } from '../../protocol';
import { AUTHENTICATION_SCHEMES, COMMON_ATTRIBUTES, discoveryLocation } from '../../protocol';
import { toV1Urn, V1_CORE_SCHEMA, V1_MANAGER_ID } from './v1-urns';

export interface V1ServiceProviderConfigOptions {
  readonly baseUrl: string;
  /** The largest page a list returns. */
  readonly filterMaxResults: number;
}

export function v1ServiceProviderConfig(options: V1ServiceProviderConfigOptions): JsonObject {
  return {
    schemas: [V1_CORE_SCHEMA],
    patch: { supported: true },
    // /Bulk is served by the 2.0 endpoint only.
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.filterMaxResults },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    xmlDataFormat: { supported: false },
    authenticationSchemes: AUTHENTICATION_SCHEMES.map((scheme) => ({
      name: scheme.name,
      description: scheme.description,
      specUrl: scheme.specUri,
      type: scheme.type,
      ...(scheme.primary && { primary: true }),
    })),
    meta: { location: discoveryLocation(options.baseUrl, 'ServiceProviderConfigs') },
  };
}

/** The common attributes 1.1 lists in every schema document (`meta.resourceType` is 2.0's). */
const COMMON = COMMON_ATTRIBUTES.map((attribute) =>
  attribute.name === 'meta'
    ? { ...attribute, subAttributes: attribute.subAttributes?.filter((sub) => sub.name !== 'resourceType') }
    : attribute,
);

/** The schema document of one resource type, e.g. `urn:scim:schemas:core:1.0:User` at /Schemas/Users. */
export function v1SchemaResource(baseUrl: string, schema: ResourceSchema): JsonObject {
  const attributes = [
    ...[...COMMON, ...schema.core.attributes].map((a) => v1Attribute(a, V1_CORE_SCHEMA)),
    ...schema.extensions.flatMap(({ schema: extension }) =>
      extension.attributes.map((a) => v1Attribute(a, toV1Urn(extension.id))),
    ),
  ];
  return {
    id: `${V1_CORE_SCHEMA}:${schema.name}`,
    name: schema.name,
    description: schema.description,
    schema: V1_CORE_SCHEMA,
    endpoint: schema.endpoint,
    attributes,
    meta: { location: discoveryLocation(baseUrl, `Schemas${schema.endpoint}`) },
  };
}

/** The schema document `name` names: its endpoint (`Users`), resource type (`User`) or id, any case. */
export function findV1SchemaResource(list: readonly JsonObject[], name: string): JsonObject | null {
  const wanted = name.toLowerCase();
  const names = (resource: JsonObject) =>
    [resource.endpoint, resource.name, resource.id].map((value) =>
      String(value).replace(/^\//, '').toLowerCase(),
    );
  return list.find((resource) => names(resource).includes(wanted)) ?? null;
}

function v1Attribute(attribute: AttributeDefinition, schemaUrn: string | undefined): JsonObject {
  const subAttributes = (attribute.subAttributes ?? [])
    // 1.1 has no reference type: `$ref` is 2.0's.
    .filter((sub) => sub.name !== '$ref')
    .map((sub) =>
      v1Attribute(isManagerValue(attribute, sub) ? { ...sub, name: V1_MANAGER_ID } : sub, undefined),
    );
  const result: Record<string, JsonValue> = {
    name: attribute.name,
    type: attribute.type === 'reference' ? 'string' : attribute.type,
    multiValued: attribute.multiValued,
    ...(attribute.multiValued && { multiValuedAttributeChildName: childName(attribute.name) }),
    description: attribute.description,
    ...(schemaUrn !== undefined && { schema: schemaUrn }),
    readOnly: attribute.mutability === 'readOnly',
    required: attribute.required,
    caseExact: attribute.caseExact,
    ...(attribute.canonicalValues && { canonicalValues: [...attribute.canonicalValues] }),
    ...(subAttributes.length > 0 && { subAttributes }),
  };
  return result;
}

const isManagerValue = (attribute: AttributeDefinition, sub: AttributeDefinition) =>
  attribute.name === 'manager' && sub.name === 'value';

/** 1.1's XML child element name of a multi-valued attribute: `emails` → `email`, `addresses` → `address`. */
export function childName(plural: string): string {
  if (plural.endsWith('sses')) return plural.slice(0, -2);
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}
