import type { Page, PageRequest } from '../../domain/shared/page';
import { toDbDate } from '../dialect';
import type { Fragment } from '../fragment';
import { join, raw, sql } from '../fragment';
import type { Sql } from '../sql';
import { decodeCursor, encodeCursor } from './cursor';
import type { SortKey } from './sort-key';
import { afterClause, orderByClause } from './sort-key';

export interface PageQuery {
  /** The selected columns (the sort value is added as `sort_value`). */
  readonly columns: Fragment;
  /** `FROM …` with joins. */
  readonly from: Fragment;
  /** Conditions ANDed together: the organization first. */
  readonly where: readonly Fragment[];
  readonly key: SortKey;
}

/**
 * One page in a single SELECT: keyset continuation after a cursor (no OFFSET), or a plain OFFSET for
 * SCIM's startIndex; `first + 1` rows are fetched to learn whether there is a next page.
 */
export async function fetchPage<R extends object, T>(
  db: Sql,
  query: PageQuery,
  page: PageRequest,
  map: (row: R) => T,
  idOf: (row: R) => string,
): Promise<Page<T>> {
  const planned = planPage(query, page);
  const rows = await db.rows<R & { sort_value?: unknown }>(planned.select.sql, planned.select.params);
  return toPage(rows, planned, map, idOf);
}

/** A page's SELECT, and what turning its rows into the page needs. */
export interface PlannedPage {
  /** `SELECT … ORDER BY … LIMIT first + 1 [OFFSET …]`, the sort value (if any) as `sort_value`. */
  readonly select: Fragment;
  readonly key: SortKey;
  readonly first: number;
  readonly afterCursor: boolean;
  readonly offset: number;
}

/** The SELECT of `fetchPage`, for a statement that reads more around it (see users-with-groups.ts). */
export function planPage(query: PageQuery, page: PageRequest): PlannedPage {
  const { key } = query;
  const position = page.after ? decodeCursor(page.after, key.ordering) : null;
  const where = position ? [...query.where, afterClause(key, position)] : query.where;
  const offset = !position && page.offset ? page.offset : 0;
  const sortValue = key.expr ? sql`, ${key.expr} AS sort_value` : raw('');
  const select = sql`SELECT ${query.columns}${sortValue} ${query.from} WHERE ${join(where, ' AND ')} ${orderByClause(key)} LIMIT ${page.first + 1}${offset > 0 ? sql` OFFSET ${offset}` : raw('')}`;
  return { select, key, first: page.first, afterCursor: position !== null, offset };
}

/** The page from the rows of a planned SELECT, in its order. */
export function toPage<R extends object, T>(
  rows: readonly (R & { sort_value?: unknown })[],
  planned: PlannedPage,
  map: (row: R) => T,
  idOf: (row: R) => string,
): Page<T> {
  const { key, first, afterCursor, offset } = planned;
  // Cursors are encoded when read: a page of a thousand usually needs only its last one.
  const items = rows.slice(0, first).map((row) => ({
    node: map(row),
    get cursor() {
      return encodeCursor({
        ordering: key.ordering,
        value: key.expr ? cursorValue(row.sort_value) : null,
        id: idOf(row),
      });
    },
  }));
  const hasNextPage = rows.length > first;
  return {
    items,
    hasNextPage,
    hasPreviousPage: afterCursor || offset > 0,
    knownTotal: knownTotal(afterCursor, offset, items.length, hasNextPage),
  };
}

/**
 * A page read by offset that ends the list says how long the list is — unless it came back empty
 * past the end, where the list could be any length up to the offset. After a cursor the position is
 * unknown.
 */
function knownTotal(
  afterCursor: boolean,
  offset: number,
  count: number,
  hasNextPage: boolean,
): number | null {
  if (afterCursor || hasNextPage) return null;
  if (count === 0 && offset > 0) return null;
  return offset + count;
}

/** Sort values as the database compares them: instants in the stored format, booleans as 0/1. */
function cursorValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return toDbDate(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** `SELECT COUNT(*)` with the same FROM and conditions. */
export async function fetchCount(db: Sql, from: Fragment, where: readonly Fragment[]): Promise<number> {
  const statement = sql`SELECT COUNT(*) AS n ${from} WHERE ${join(where, ' AND ')}`;
  const [row] = await db.rows<{ n: unknown }>(statement.sql, statement.params);
  return Number(row?.n ?? 0);
}
