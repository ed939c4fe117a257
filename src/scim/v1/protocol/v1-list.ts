/**
 * List requests and responses. 1.1 queries (draft-scim-api-01 §3.2.2) take `filter`, `sortBy`,
 * `sortOrder`, `startIndex`, `count` and `attributes` — the 2.0 parameters minus cursors and
 * `excludedAttributes` — so a 1.1 query becomes a 2.0 `ListQuery` with its names re-spelled and
 * is paged by the shared list code. The answer is the 1.1 list form:
 *
 *   { "schemas": ["urn:scim:schemas:core:1.0"], "totalResults", "itemsPerPage", "startIndex",
 *     "Resources": [...] }
 */
import type { JsonObject, ListQuery, ListResponse } from '../../protocol';
import { toV2Filter } from './v1-filter';
import { toV2AttributeList, toV2AttributeName } from './v1-paths';
import { toV1Resource } from './v1-resource';
import type { V1ResourceType } from './v1-urns';
import { V1_CORE_SCHEMA } from './v1-urns';

/** The query parameters of a 1.1 list request, as Express parsed them. */
export type V1ListQuery = Readonly<Record<string, unknown>>;

export function toV2ListQuery(query: V1ListQuery, type: V1ResourceType): ListQuery {
  const { filter, sortBy } = query;
  return {
    filter: typeof filter === 'string' && filter.trim() !== '' ? toV2Filter(filter) : filter,
    sortBy: typeof sortBy === 'string' && sortBy.trim() !== '' ? toV2AttributeName(sortBy, type) : sortBy,
    sortOrder: query.sortOrder,
    startIndex: query.startIndex,
    count: query.count,
    attributes: toV2AttributeList(query.attributes, type),
  };
}

export interface V1ListResponse {
  readonly schemas: readonly [typeof V1_CORE_SCHEMA];
  readonly totalResults: number;
  readonly itemsPerPage: number;
  readonly startIndex: number;
  readonly Resources: JsonObject[];
}

export function toV1ListResponse(list: ListResponse<JsonObject>): V1ListResponse {
  return {
    schemas: [V1_CORE_SCHEMA],
    totalResults: list.totalResults,
    itemsPerPage: list.itemsPerPage,
    startIndex: list.startIndex ?? 1,
    Resources: list.Resources.map(toV1Resource),
  };
}
