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

export function Pager({
  label,
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  label: string;
  page: number;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="secondary" disabled={page === 1} onClick={onPrevious}>
        Previous page
      </button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" className="secondary" disabled={!hasNext} onClick={onNext}>
        Next page
      </button>
    </nav>
  );
}
