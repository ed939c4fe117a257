import { usePageTitle } from '../layout/use-page-title';

/** Skeleton only: a page another part of the console fills in. */
export function PlaceholderPage({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <section>
      <h1>{title}</h1>
      <p>placeholder</p>
    </section>
  );
}
