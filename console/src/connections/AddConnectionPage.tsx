import { usePageTitle } from '../layout/use-page-title';

export function AddConnectionPage() {
  usePageTitle('Add connection');
  return (
    <section>
      <h1>Add connection</h1>
    </section>
  );
}
