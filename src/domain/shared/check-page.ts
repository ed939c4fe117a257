import { badInput } from '../../errors';
import type { AttributeCatalog } from '../filter/attribute-catalog';
import type { PageRequest } from './page';
import { MAX_PAGE_SIZE } from './page';

/** A page size (`first`) from 0 to `max`: the caller's input, so checked like any other. */
export function checkFirst(first: number, max: number = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 0 || first > max)
    throw badInput('first', `first must be an integer from 0 to ${max}`);
  return first;
}

/** Bounds `first` and `offset`; paging input is the caller's, so it is checked like any other. */
export function checkPage(page: PageRequest): PageRequest {
  checkFirst(page.first);
  if (
    page.offset !== undefined &&
    page.offset !== null &&
    (!Number.isInteger(page.offset) || page.offset < 0)
  ) {
    throw badInput('offset', 'offset must be a non-negative integer');
  }
  if (page.after && page.offset)
    throw badInput('after', 'Use either after or offset, not both', { reason: 'invalidCursor' });
  return page;
}

/** Resolves `orderBy.attribute` to its canonical path: only singular attributes can order a list. */
export function checkSort(
  page: PageRequest,
  catalog: AttributeCatalog,
  sortableMulti: readonly string[] = [],
): PageRequest {
  if (!page.orderBy) return page;
  const wanted = page.orderBy.attribute;
  const scalar = catalog.scalar(wanted);
  const multi = sortableMulti.find((path) => path.toLowerCase() === wanted.toLowerCase());
  if (!scalar && !multi)
    throw badInput('orderBy.attribute', `Cannot sort by '${wanted}'`, { reason: 'invalidSort' });
  if (scalar?.extension?.multiValued)
    throw badInput('orderBy.attribute', `Cannot sort by multi-valued '${wanted}'`, {
      reason: 'invalidSort',
    });
  return { ...page, orderBy: { ...page.orderBy, attribute: scalar?.path ?? (multi as string) } };
}
