/**
 * The ListResponse message (RFC 7644 §3.4.2), with the cursor attributes of
 * draft-ietf-scim-cursor-pagination §2 when cursor pagination is used. `startIndex` is only
 * meaningful for index pagination and is left out otherwise.
 */
import { LIST_RESPONSE_MESSAGE } from '../schema/schema-urns';

export interface ListPage {
  readonly totalResults: number;
  readonly startIndex?: number;
  /** Defaults to the number of resources on the page. */
  readonly itemsPerPage?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

export interface ListResponse<T> {
  readonly schemas: readonly [typeof LIST_RESPONSE_MESSAGE];
  readonly totalResults: number;
  readonly itemsPerPage: number;
  readonly startIndex?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
  readonly Resources: T[];
}

export function listResponse<T>(resources: readonly T[], page: ListPage): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_MESSAGE],
    totalResults: page.totalResults,
    itemsPerPage: page.itemsPerPage ?? resources.length,
    ...(page.startIndex !== undefined && { startIndex: page.startIndex }),
    ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    ...(page.previousCursor !== undefined && { previousCursor: page.previousCursor }),
    Resources: [...resources],
  };
}
