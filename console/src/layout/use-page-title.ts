import { useEffect } from 'react';

/** Page titles name the page only: never a token, secret or id. */
export function usePageTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · Identity admin`;
  }, [page]);
}
