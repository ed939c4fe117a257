export type SortDirection = 'ASC' | 'DESC';

export interface SortOrder {
  /** A sortable attribute path from the resource's attribute catalog, e.g. `userName`, `meta.created`. */
  readonly attribute: string;
  readonly direction: SortDirection;
}

/**
 * One page of a list. `after` (an opaque cursor from a previous page) and `offset` (0-based, for SCIM's
 * startIndex) are alternatives; with neither the page starts at the beginning.
 */
export interface PageRequest {
  readonly first: number;
  readonly after?: string | null;
  readonly offset?: number | null;
  readonly orderBy?: SortOrder | null;
}

export interface PageItem<T> {
  readonly node: T;
  readonly cursor: string;
}

export interface Page<T> {
  readonly items: readonly PageItem<T>[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /**
   * The length of the whole list when the page itself tells it — it was read from the start or from
   * an offset and ended before `first` — so no separate count is needed; otherwise null.
   */
  readonly knownTotal: number | null;
}

export const MAX_PAGE_SIZE = 1000;
