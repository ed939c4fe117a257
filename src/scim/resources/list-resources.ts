import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { filterToGraphql } from '../mapping/filter-to-graphql';
import type { JsonObject, ListParams, ListQuery, ResourceSchema } from '../protocol';
import {
  badRequest,
  formatAttrPath,
  listResponse,
  narrowFilter,
  parseListParams,
  printFilter,
  resolveAttribute,
  resolveFilter,
  valueSubAttribute,
} from '../protocol';
import type { ScimRequest } from '../scim-context';
import type { ScimResult } from './scim-result';

/** The largest offset GraphQL's `Int` can carry. */
const MAX_OFFSET = 2_147_483_647;

interface Connection<T> {
  readonly totalCount: number;
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** What every list document takes; a resource may add its own (`withGroups`). */
interface ListVariables {
  readonly first: number;
  readonly after?: string | null;
  readonly offset?: number | null;
}

export interface ListSpec<T, V extends ListVariables = ListVariables> {
  readonly document: TypedDocumentNode<Record<string, Connection<T>>, V>;
  readonly field: string;
  readonly schema: ResourceSchema;
  readonly variables?: Omit<V, keyof ListVariables | 'filter' | 'orderBy'>;
  // Method syntax: a spec of users is a spec of unknown nodes to the search of every type.
  toScim(node: T, params: ListParams): Promise<JsonObject> | JsonObject;
}

/**
 * A list spec of any resource type, as the search of every type holds them side by side. Each
 * spec's variables are checked where it is built; here they are passed through as they came.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyListSpec = ListSpec<unknown, any>;

/**
 * RFC 7644 §3.4.2.3: a multi-valued complex attribute (`emails`) sorts by its value — the primary
 * one, or else the first — so `sortBy=emails` is `emails.value`.
 */
function orderBy(params: ListParams, schema: ResourceSchema) {
  if (!params.sortBy) return null;
  const resolved = resolveAttribute(schema, params.sortBy);
  if (!resolved)
    throw badRequest('invalidValue', `Cannot sort by unknown attribute "${formatAttrPath(params.sortBy)}"`);
  const value = resolved.subAttribute ? undefined : valueSubAttribute(resolved.attribute);
  const attribute = value ? `${resolved.canonicalPath}.${value.name}` : resolved.canonicalPath;
  return { attribute, direction: params.sortOrder === 'descending' ? 'DESC' : 'ASC' };
}

/**
 * GET /Users, GET /Groups and POST /.search: filter, sort and page in the database through GraphQL.
 * Index paging continues from a remembered keyset cursor when the previous page ended at
 * `startIndex - 1` (see PageCursorCache); cursor paging passes the cursor straight through.
 */
export async function listResources<T, V extends ListVariables>(
  req: ScimRequest,
  query: ListQuery,
  spec: ListSpec<T, V>,
): Promise<ScimResult> {
  const { limits, pageCursors } = req.deps;
  const params = parseListParams(query, { maxResults: limits.maxResults, defaultCount: limits.defaultCount });
  const filter = params.filter ? resolveFilter(params.filter, spec.schema) : undefined;
  const sort = orderBy(params, spec.schema);
  // Built only for a walk's later page or a page with a next one: a match-before-create lookup
  // (`userName eq`, one result) needs neither.
  let key: string | undefined;
  const listKey = () =>
    (key ??= [
      req.caller.organizationId,
      spec.field,
      filter ? printFilter(filter) : '',
      JSON.stringify(sort),
      // A list read with another page size (a one-off `count=1000`) is not this walk: its cursors would skip users.
      params.count,
    ].join('\u0000'));
  const { pagination } = params;
  const cursor =
    pagination.method === 'cursor'
      ? pagination.cursor || null
      : pagination.startIndex > 1
        ? ((await pageCursors.cursorFor(listKey(), pagination.startIndex)) ?? null)
        : null;
  // GraphQL's Int is 32-bit; a startIndex past that is past every list anyway, so it reads an empty page.
  const offset =
    pagination.method === 'index' && !cursor ? Math.min(pagination.startIndex - 1, MAX_OFFSET) : null;
  // filterToGraphql and orderBy build the schema's Filter and OrderBy inputs, spelled as strings.
  const variables = {
    ...spec.variables,
    filter: filter ? filterToGraphql(filter) : null,
    orderBy: sort,
    first: params.count,
    after: cursor,
    offset,
  } as unknown as V;
  const data = await req.query(spec.document, variables);
  const page = data[spec.field];
  // A short last page has no next one to continue: remembering where it ended would only fill the
  // cache (with REDIS_URL, one more round trip) with an entry per lookup. A full page is remembered
  // even when it was the last: a walk asks for the next one, and users created meanwhile are there.
  if (
    pagination.method === 'index' &&
    (page.pageInfo.hasNextPage || page.nodes.length >= params.count) &&
    page.pageInfo.endCursor &&
    page.nodes.length > 0
  ) {
    await pageCursors.remember(listKey(), pagination.startIndex + page.nodes.length, page.pageInfo.endCursor);
  }
  const resources = await allOf(page.nodes.map((node) => spec.toScim(node, params)));
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

/** The resources, waiting only when some are still being read (a group's members). */
function allOf(resources: (JsonObject | Promise<JsonObject>)[]): JsonObject[] | Promise<JsonObject[]> {
  return resources.some((r) => r instanceof Promise) ? Promise.all(resources) : (resources as JsonObject[]);
}

/**
 * POST /.search at the service root (RFC 7644 §3.4.3): one list over every resource type, in the
 * order given, paged with startIndex/count across them. Each type answers the part of the filter it
 * can (see narrowFilter); a type the filter excludes is not queried. Sorting and cursors are per
 * resource type, so across types they are refused rather than answered out of order.
 */
export async function searchResources(
  req: ScimRequest,
  query: ListQuery,
  specs: readonly AnyListSpec[],
): Promise<ScimResult> {
  const { limits } = req.deps;
  const params = parseListParams(query, { maxResults: limits.maxResults, defaultCount: limits.defaultCount });
  if (params.sortBy)
    throw badRequest('invalidValue', 'sortBy is not supported when searching every resource type');
  if (params.pagination.method === 'cursor') {
    throw badRequest('invalidCursor', 'A search of every resource type pages with startIndex, not cursor');
  }
  const { startIndex } = params.pagination;
  let skip = startIndex - 1;
  let totalResults = 0;
  const resources: JsonObject[] = [];
  for (const spec of specs) {
    const narrowed = params.filter ? narrowFilter(params.filter, spec.schema) : true;
    if (narrowed === false) continue;
    const filter = narrowed === true ? undefined : resolveFilter(narrowed, spec.schema);
    const data = await req.query(spec.document, {
      ...spec.variables,
      filter: filter ? filterToGraphql(filter) : null,
      orderBy: null,
      first: params.count - resources.length,
      after: null,
      offset: Math.min(skip, MAX_OFFSET),
    });
    const page = data[spec.field];
    totalResults += page.totalCount;
    skip = Math.max(0, skip - page.totalCount);
    resources.push(...(await allOf(page.nodes.map((node) => spec.toScim(node, params)))));
  }
  return { status: 200, body: listResponse(resources, { totalResults, startIndex }) };
}
