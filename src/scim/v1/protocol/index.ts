/**
 * The SCIM 1.1 protocol adapter, pure: it translates 1.1 requests into the 2.0 shapes the shared
 * resource code takes and 2.0 answers back into 1.1. No Express, no I/O.
 */
export { V1_CORE_SCHEMA, V1_ENTERPRISE_SCHEMA, toV1Urn, toV2Urn } from './v1-urns';
export type { V1ResourceType } from './v1-urns';
export { v1ErrorBody } from './v1-error';
export type { V1ErrorBody } from './v1-error';
export { toV2AttributeList, toV2AttributeName, toV2Path } from './v1-paths';
export { toV2Filter, V1_COMPARE_OPERATORS } from './v1-filter';
export { checkV1Body, toV1Resource, toV2Resource } from './v1-resource';
export { toV2Patch } from './v1-patch';
export { toV1ListResponse, toV2ListQuery } from './v1-list';
export type { V1ListQuery, V1ListResponse } from './v1-list';
export { childName, findV1SchemaResource, v1SchemaResource, v1ServiceProviderConfig } from './v1-discovery';
