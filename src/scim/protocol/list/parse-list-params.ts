/**
 * Query parameters of a list/search request (RFC 7644 §3.4.2), parsed and clamped in one place.
 *
 * - startIndex: 1-based; "A value less than 1 SHALL be interpreted as 1" (§3.4.2.4).
 * - count: "A negative value SHALL be interpreted as 0"; above `maxResults` it is clamped
 *   (the server "MAY return fewer results"); absent → `defaultCount`.
 * - sortBy: an attribute path; sortOrder: ascending (default) | descending, case-insensitive.
 * - cursor (draft-ietf-scim-cursor-pagination §2): present — even empty, for the first page —
 *   selects cursor pagination. It may only contain RFC 3986 unreserved characters
 *   (else `400 invalidCursor`). The draft lets a client request *a* method with `startIndex` *or*
 *   `cursor`; both at once asks for two methods, which is `400 invalidValue`.
 * - Values that are not integers, or a parameter given twice, are `400 invalidValue`.
 * Values arrive as strings from a query string or as JSON values from POST /.search.
 */
import type { AttrPath } from '../attr-path';
import { splitAttrPath } from '../attr-path';
import type { Filter } from '../filter/filter-ast';
import type { FilterLimits } from '../filter/parse-filter';
import { parseFilter } from '../filter/parse-filter';
import { parseAttributeList } from '../projection/parse-attribute-list';
import { badRequest } from '../scim-error';

export interface ListQuery {
  readonly startIndex?: unknown;
  readonly count?: unknown;
  readonly sortBy?: unknown;
  readonly sortOrder?: unknown;
  readonly cursor?: unknown;
  readonly filter?: unknown;
  readonly attributes?: unknown;
  readonly excludedAttributes?: unknown;
}

export interface ListLimits extends FilterLimits {
  readonly maxResults: number;
  readonly defaultCount: number;
}

export type Pagination =
  | { readonly method: 'index'; readonly startIndex: number }
  | { readonly method: 'cursor'; readonly cursor: string };

export type SortOrder = 'ascending' | 'descending';

export interface ListParams {
  readonly pagination: Pagination;
  readonly count: number;
  readonly filter?: Filter;
  readonly sortBy?: AttrPath;
  readonly sortOrder: SortOrder;
  readonly attributes: string[];
  readonly excludedAttributes: string[];
}

const UNRESERVED = /^[A-Za-z0-9._~-]*$/;
const INTEGER = /^[+-]?[0-9]+$/;

export function parseListParams(query: ListQuery, limits: ListLimits): ListParams {
  const filter = optionalString(query.filter, 'filter');
  const sortBy = optionalString(query.sortBy, 'sortBy');
  const count = optionalInteger(query.count, 'count') ?? limits.defaultCount;
  return {
    pagination: parsePagination(query),
    count: Math.min(Math.max(count, 0), limits.maxResults),
    ...(filter !== undefined && { filter: parseFilter(filter, limits) }),
    ...(sortBy !== undefined && { sortBy: parseSortBy(sortBy) }),
    sortOrder: parseSortOrder(optionalString(query.sortOrder, 'sortOrder')),
    attributes: parseAttributeList(single(query.attributes, 'attributes'), 'attributes'),
    excludedAttributes: parseAttributeList(
      single(query.excludedAttributes, 'excludedAttributes'),
      'excludedAttributes',
    ),
  };
}

function parsePagination(query: ListQuery): Pagination {
  const cursor =
    query.cursor === undefined || query.cursor === null ? undefined : single(query.cursor, 'cursor');
  const startIndex = optionalInteger(query.startIndex, 'startIndex');
  if (cursor === undefined) return { method: 'index', startIndex: Math.max(startIndex ?? 1, 1) };
  if (startIndex !== undefined) {
    throw badRequest('invalidValue', 'Use either "startIndex" or "cursor", not both');
  }
  if (typeof cursor !== 'string' || !UNRESERVED.test(cursor)) {
    throw badRequest('invalidCursor', '"cursor" must be a value returned as nextCursor or previousCursor');
  }
  return { method: 'cursor', cursor };
}

function parseSortBy(sortBy: string): AttrPath {
  const path = splitAttrPath(sortBy.trim());
  if (!path) throw badRequest('invalidValue', `"sortBy" is not an attribute path: ${JSON.stringify(sortBy)}`);
  return path;
}

function parseSortOrder(sortOrder: string | undefined): SortOrder {
  const lower = sortOrder?.trim().toLowerCase();
  if (lower === undefined || lower === '' || lower === 'ascending') return 'ascending';
  if (lower === 'descending') return 'descending';
  throw badRequest('invalidValue', '"sortOrder" must be "ascending" or "descending"');
}

/** An integer parameter; empty counts as absent (`?cursor&count=` style URLs). */
function optionalInteger(raw: unknown, name: string): number | undefined {
  const value = single(raw, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && INTEGER.test(value.trim())) {
    // Beyond the safe range the exact value does not matter: it is clamped anyway.
    return Math.max(Math.min(Number(value.trim()), Number.MAX_SAFE_INTEGER), Number.MIN_SAFE_INTEGER);
  }
  throw badRequest('invalidValue', `"${name}" must be an integer`);
}

function optionalString(raw: unknown, name: string): string | undefined {
  const value = single(raw, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest('invalidValue', `"${name}" must be a string`);
  return value;
}

/** Express turns `?count=1&count=2` into an array; a repeated parameter is ambiguous. */
function single(raw: unknown, name: string): unknown {
  if (Array.isArray(raw) && name !== 'attributes' && name !== 'excludedAttributes') {
    throw badRequest('invalidValue', `"${name}" is given more than once`);
  }
  return raw;
}
