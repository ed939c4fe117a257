import type { DocumentNode } from 'graphql';
import type { GqlPageInfo } from '../mapping/graphql-types';
import { filterToGraphql } from '../mapping/filter-to-graphql';
import type { JsonObject, ListParams, ListQuery, ResourceSchema } from '../protocol';
import {
  formatAttrPath,
  listResponse,
  parseListParams,
  printFilter,
  resolveAttribute,
  resolveFilter,
  ScimError,
  valueSubAttribute,
} from '../protocol';
import type { ScimRequest } from '../scim-context';
import type { ScimResult } from './scim-result';

/** The largest offset GraphQL's `Int` can carry. */
const MAX_OFFSET = 2_147_483_647;

interface Connection<T> {
  readonly totalCount: number;
  readonly nodes: readonly T[];
  readonly pageInfo: GqlPageInfo;
}

export interface ListSpec<T> {
  readonly document: DocumentNode;
  readonly field: string;
  readonly schema: ResourceSchema;
  readonly variables?: Record<string, unknown>;
  readonly toScim: (node: T, params: ListParams) => Promise<JsonObject> | JsonObject;
}

/**
 * RFC 7644 §3.4.2.3: a multi-valued complex attribute (`emails`) sorts by its value — the primary
 * one, or else the first — so `sortBy=emails` is `emails.value`.
 */
function orderBy(params: ListParams, schema: ResourceSchema) {
  if (!params.sortBy) return null;
  const resolved = resolveAttribute(schema, params.sortBy);
  if (!resolved)
    throw new ScimError(
      400,
      'invalidValue',
      `Cannot sort by unknown attribute "${formatAttrPath(params.sortBy)}"`,
    );
  const value = resolved.subAttribute ? undefined : valueSubAttribute(resolved.attribute);
  const attribute = value ? `${resolved.canonicalPath}.${value.name}` : resolved.canonicalPath;
  return { attribute, direction: params.sortOrder === 'descending' ? 'DESC' : 'ASC' };
}

/**
 * GET /Users, GET /Groups and POST /.search: filter, sort and page in the database through GraphQL.
 * Index paging continues from a remembered keyset cursor when the previous page ended at
 * `startIndex - 1` (see PageCursorCache); cursor paging passes the cursor straight through.
 */
export async function listResources<T>(
  req: ScimRequest,
  query: ListQuery,
  spec: ListSpec<T>,
): Promise<ScimResult> {
  const { limits, pageCursors } = req.deps;
  const params = parseListParams(query, { maxResults: limits.maxResults, defaultCount: limits.defaultCount });
  const filter = params.filter ? resolveFilter(params.filter, spec.schema) : undefined;
  const sort = orderBy(params, spec.schema);
  const listKey = [
    req.caller.organizationId,
    spec.field,
    filter ? printFilter(filter) : '',
    JSON.stringify(sort),
    // A list read with another page size (a one-off `count=1000`) is not this walk: its cursors would skip users.
    params.count,
  ].join('\u0000');
  const { pagination } = params;
  const cursor =
    pagination.method === 'cursor'
      ? pagination.cursor || null
      : pagination.startIndex > 1
        ? ((await pageCursors.cursorFor(listKey, pagination.startIndex)) ?? null)
        : null;
  // GraphQL's Int is 32-bit; a startIndex past that is past every list anyway, so it reads an empty page.
  const offset =
    pagination.method === 'index' && !cursor ? Math.min(pagination.startIndex - 1, MAX_OFFSET) : null;
  const data = await req.query<Record<string, Connection<T>>>(spec.document, {
    ...spec.variables,
    filter: filter ? filterToGraphql(filter) : null,
    orderBy: sort,
    first: params.count,
    after: cursor,
    offset,
  });
  const page = data[spec.field];
  if (pagination.method === 'index' && page.pageInfo.endCursor && page.nodes.length > 0) {
    await pageCursors.remember(listKey, pagination.startIndex + page.nodes.length, page.pageInfo.endCursor);
  }
  const resources = await Promise.all(page.nodes.map((node) => spec.toScim(node, params)));
  const body = listResponse(resources, {
    totalResults: page.totalCount,
    ...(pagination.method === 'index'
      ? { startIndex: pagination.startIndex }
      : page.pageInfo.hasNextPage && page.pageInfo.endCursor
        ? { nextCursor: page.pageInfo.endCursor }
        : {}),
  });
  return { status: 200, body };
}
