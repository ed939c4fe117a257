/**
 * What the three discovery endpoints of RFC 7644 §4 share: their schema URNs (RFC 7643 §5–§7),
 * the `meta` they carry, how locations are built from the base URL passed in, and how a list of
 * them is served.
 *
 * RFC 7644 §4: "When returning multiple ResourceTypes or Schemas, the message form described by
 * the "urn:ietf:params:scim:api:messages:2.0:ListResponse" (ListResponse) form SHALL be used ...
 * Query parameters described in Section 3.4.2, such as filtering, sorting, and pagination, SHALL
 * be ignored. If a "filter" is provided, the service provider SHOULD respond with HTTP status
 * code 403 (Forbidden)".
 */
import type { ListResponse } from '../list/list-response';
import { listResponse } from '../list/list-response';
import { plainError } from '../scim-error';

export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export type DiscoveryMeta = {
  resourceType: 'ServiceProviderConfig' | 'ResourceType' | 'Schema';
  location: string;
  created?: string;
  lastModified?: string;
};

/** `${baseUrl}/${path}` without a doubled slash when the base URL ends with one. */
export function discoveryLocation(baseUrl: string, path: string): string {
  let base = baseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  return `${base}/${path}`;
}

/** A complete, unpaged ListResponse: discovery lists ignore startIndex, count and sorting. */
export function discoveryList<T>(resources: readonly T[]): ListResponse<T> {
  return listResponse(resources, { totalResults: resources.length, startIndex: 1 });
}

/** RFC 7644 §4: a filter on a discovery endpoint is answered with 403 rather than ignored. */
export function checkDiscoveryQuery(query: { readonly filter?: unknown }): void {
  if (query.filter !== undefined && query.filter !== null && query.filter !== '') {
    throw plainError(403, 'Discovery endpoints do not support "filter" (RFC 7644 §4)');
  }
}
