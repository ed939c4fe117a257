import { useState } from 'react';
import { useCursorPages } from '../common/paging';
import { searchFilter } from '../common/scim-filter';

/** The search text of a users/groups browser, its Filter, and its pages (back to page 1 on a new search). */
export function useDirectorySearch(plainTextAttributes: readonly string[]) {
  const pages = useCursorPages();
  const [text, setText] = useState('');
  const query = searchFilter(text, plainTextAttributes);
  const search = (next: string) => {
    pages.reset();
    setText(next);
  };
  return { pages, query, filter: query.kind === 'none' ? null : query.filter, search };
}
