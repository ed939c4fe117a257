/**
 * Public API of the pure SCIM protocol code (RFC 7643 / RFC 7644). No I/O, no clock, no
 * framework: everything here is a function of its arguments.
 */
export {
  badRequest,
  CURSOR_SCIM_TYPES,
  ERROR_SCHEMA,
  errorBody,
  plainError,
  RFC_SCIM_TYPES,
  SCIM_TYPE_STATUS,
  ScimError,
  scimError,
} from './scim-error';
export type { BadRequestType, PlainStatus, ScimErrorBody, ScimType } from './scim-error';
export type { JsonObject, JsonPrimitive, JsonValue } from './json';
export { formatAttrPath, isAttributeName, isSchemaUrn, splitAttrPath } from './attr-path';
export type { AttrPath } from './attr-path';

export { defineAttribute, findAttribute, valueSubAttribute } from './schema/attribute-definition';
export type {
  AttributeDefinition,
  AttributeOptions,
  AttributeType,
  Mutability,
  Returned,
  SchemaDefinition,
  Uniqueness,
} from './schema/attribute-definition';
export { COMMON_ATTRIBUTES } from './schema/common-attributes';
export { USER_SCHEMA_DEFINITION } from './schema/user-schema';
export { ENTERPRISE_USER_SCHEMA_DEFINITION } from './schema/enterprise-user-schema';
export { GROUP_SCHEMA_DEFINITION } from './schema/group-schema';
export {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_MESSAGE,
  PATCH_OP_MESSAGE,
  USER_SCHEMA,
} from './schema/schema-urns';
export {
  createResourceSchema,
  findExtension,
  groupResourceSchema,
  userResourceSchema,
} from './schema/resource-schema';
export type { ResourceSchema, SchemaExtension } from './schema/resource-schema';
export { resolveAttribute } from './schema/resolve-attribute';
export type { ResolvedAttribute } from './schema/resolve-attribute';

export { COMPARE_OPERATORS } from './filter/filter-ast';
export type {
  CompareFilter,
  CompareOperator,
  CompareValue,
  Filter,
  LogicalFilter,
  NotFilter,
  PresentFilter,
  ValuePathFilter,
} from './filter/filter-ast';
export { DEFAULT_MAX_FILTER_DEPTH, DEFAULT_MAX_FILTER_LENGTH, parseFilter } from './filter/parse-filter';
export type { FilterLimits } from './filter/parse-filter';
export { printFilter } from './filter/print-filter';
export { resolveFilter, resolveValueFilter } from './filter/resolve-filter';
export { narrowFilter } from './filter/narrow-filter';
export { evaluateFilter, matchesValueFilter } from './filter/evaluate-filter';

export { parsePatchRequest } from './patch/parse-patch-request';
export type { ParsedPatchRequest } from './patch/parse-patch-request';
export { parsePatchPath } from './patch/parse-patch-path';
export { formatPatchPath } from './patch/patch-operation';
export type { PatchOp, PatchOperation, PatchPath } from './patch/patch-operation';
export {
  isKnownQuirk,
  LEGACY_SCHEMA_URN_QUIRK,
  PATCH_QUIRKS,
  QUIRK_REFUSALS,
  quirkRefused,
} from './patch/patch-quirks';
export type { PatchQuirk } from './patch/patch-quirks';
export { applyPatch } from './patch/apply-patch';
export type { PatchResult } from './patch/apply-patch';
export { planGroupPatch } from './patch/plan-group-patch';
export type { GroupPatchPlan } from './patch/plan-group-patch';

export { parseAttributeList } from './projection/parse-attribute-list';
export { isAttributeReturned, projectResource } from './projection/project-resource';
export type { ProjectionOptions } from './projection/project-resource';

export { parseListParams } from './list/parse-list-params';
export type { ListLimits, ListParams, ListQuery, Pagination, SortOrder } from './list/parse-list-params';
export { listResponse } from './list/list-response';
export type { ListPage, ListResponse } from './list/list-response';

export {
  checkDiscoveryQuery,
  discoveryList,
  discoveryLocation,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
} from './discovery/discovery-common';
export type { DiscoveryMeta } from './discovery/discovery-common';
export { AUTHENTICATION_SCHEMES, serviceProviderConfig } from './discovery/service-provider-config';
export type {
  AuthenticationScheme,
  PaginationConfig,
  ServiceProviderConfig,
  ServiceProviderConfigOptions,
} from './discovery/service-provider-config';
export { findResourceType, resourceTypeResource, resourceTypes } from './discovery/resource-types';
export type { ResourceTypeResource } from './discovery/resource-types';
export { findSchemaResource, schemaResource, schemaResources } from './discovery/schema-resources';
export type { SchemaAttribute, SchemaResource } from './discovery/schema-resources';

export {
  BULK_ID_PREFIX,
  BULK_METHODS,
  BULK_REQUEST_MESSAGE,
  BULK_RESPONSE_MESSAGE,
  bulkIdReference,
} from './bulk/bulk-operation';
export type { BulkMethod, BulkOperation } from './bulk/bulk-operation';
export { parseBulkRequest } from './bulk/parse-bulk-request';
export type { BulkLimits, ParsedBulkRequest } from './bulk/parse-bulk-request';
export { matchBulkPath, parseBulkPath } from './bulk/parse-bulk-path';
export type { BulkPath, BulkResource } from './bulk/parse-bulk-path';
export { bulkIdReferences, resolveBulkIds } from './bulk/resolve-bulk-ids';
export { orderBulkOperations } from './bulk/order-bulk-operations';
export type { BulkStep } from './bulk/order-bulk-operations';
export { bulkResponse } from './bulk/bulk-response';
export type { BulkResponse, BulkResponseOperation, BulkResult } from './bulk/bulk-response';
