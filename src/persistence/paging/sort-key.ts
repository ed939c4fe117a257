import { badInput } from '../../errors';
import type { SortDirection } from '../../domain/shared/page';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { CursorPosition } from './cursor';

/**
 * A total order for keyset paging: an optional sort expression, then the id. NULL sort values come
 * last ascending and first descending (NULL ranks above every value), on both dialects.
 */
export interface SortKey {
  /** Names the ordering inside cursors, so a cursor cannot be replayed under another orderBy. */
  readonly ordering: string;
  readonly expr: Fragment | null;
  readonly nullable: boolean;
  readonly id: Fragment;
  readonly direction: SortDirection;
}

export const byId = (id: Fragment, direction: SortDirection = 'ASC'): SortKey => ({
  ordering: `id:${direction}`,
  expr: null,
  nullable: false,
  id,
  direction,
});

export const orderByClause = (key: SortKey): Fragment => sql`ORDER BY ${orderTerms(key)}`;

/** The terms of `orderByClause`, for an ORDER BY that orders by more. */
export function orderTerms(key: SortKey): Fragment {
  const dir = raw(key.direction);
  if (!key.expr) return sql`${key.id} ${dir}`;
  const nulls = key.nullable ? sql`${key.expr} IS NULL ${dir}, ` : raw('');
  return sql`${nulls}${key.expr} ${dir}, ${key.id} ${dir}`;
}

/** The rows strictly after `position` in the key's order. */
export function afterClause(key: SortKey, position: CursorPosition): Fragment {
  const asc = key.direction === 'ASC';
  const beyond = raw(asc ? '>' : '<');
  const { id } = key;
  if (!key.expr) return sql`${id} ${beyond} ${position.id}`;
  const e = key.expr;
  if (position.value === null) {
    if (!key.nullable)
      throw badInput('after', 'Invalid cursor: not a cursor from this API', { reason: 'invalidCursor' });
    return asc
      ? sql`(${e} IS NULL AND ${id} > ${position.id})`
      : sql`(${e} IS NOT NULL OR ${id} < ${position.id})`;
  }
  const v = position.value;
  const after = sql`${e} ${beyond} ${v} OR (${e} = ${v} AND ${id} ${beyond} ${position.id})`;
  return asc && key.nullable ? sql`(${e} IS NULL OR ${after})` : sql`(${after})`;
}
