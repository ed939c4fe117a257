import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { SessionButtons } from '../layout/SessionButtons';
import { usePageTitle } from '../layout/use-page-title';
import { useSession } from '../session/session-context';
import { OrganizationsQuery } from '../session/viewer';

/** A platform:admin token acts on one organization at a time (sent as X-Organization). */
export function OrganizationPicker() {
  usePageTitle('Choose an organization');
  const session = useSession();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error }] = useQuery({ query: OrganizationsQuery, variables: { after } });
  const page = data?.organizations;
  return (
    <main className="sign-in">
      <h1>Choose an organization</h1>
      <p>This platform token manages every organization; pick the one to work on.</p>
      {error && <ErrorMessage error={error} />}
      {page && page.nodes.length === 0 && <p>There are no organizations yet.</p>}
      <ul className="plain-list">
        {page?.nodes.map((organization) => (
          <li key={organization.id}>
            <button type="button" onClick={() => session.chooseOrganization(organization.id)}>
              {organization.name} <span className="muted">({organization.slug})</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        {page?.pageInfo.hasNextPage && (
          <button type="button" onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>
            More organizations
          </button>
        )}
        <SessionButtons />
      </div>
    </main>
  );
}
