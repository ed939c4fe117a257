import { useCallback, useState } from 'react';

/** Cursor paging with a way back: the cursors of the pages seen so far. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((current) => [...current, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((current) => current.slice(0, -1)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after, page: cursors.length, next, previous, reset };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** Previous/next page buttons for a list paged by `useCursorPages`; nothing when there is one page. */
export function Pager({
  label,
  pages,
  pageInfo,
}: {
  label: string;
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
}) {
  const hasNext = pageInfo?.hasNextPage ?? false;
  if (pages.page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="secondary" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </button>
      <span aria-live="polite">Page {pages.page}</span>
      <button
        type="button"
        className="secondary"
        disabled={!hasNext}
        onClick={() => pages.next(pageInfo?.endCursor)}
      >
        Next page
      </button>
    </nav>
  );
}
