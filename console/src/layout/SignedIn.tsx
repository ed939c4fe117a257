import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { describeError } from '../api/errors';
import { OrganizationPicker } from '../pages/OrganizationPicker';
import { SignInPage } from '../pages/SignInPage';
import { rightsFrom } from '../session/rights';
import { useSession } from '../session/session-context';
import { ViewerQuery } from '../session/viewer';
import { Layout } from './Layout';
import { SessionButtons } from './SessionButtons';

/**
 * A stored token is checked with `viewer` on every load: refused → the sign-in page says why; a
 * platform:admin token first picks its organization; the API down → a message and a retry.
 */
export function SignedIn() {
  const session = useSession();
  const [{ data, error, fetching }, retry] = useQuery({ query: ViewerQuery });
  if (error) {
    const problem = describeError(error);
    if (problem.code === 'UNAUTHENTICATED') return <SignInPage notice={problem} />;
    return (
      <main className="sign-in">
        <h1>Identity admin</h1>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="button" onClick={() => retry({ requestPolicy: 'network-only' })}>
            Retry
          </button>
          <SessionButtons />
        </div>
      </main>
    );
  }
  if (!data || fetching) return <p className="loading">Checking the API token…</p>;
  const { subject, scopes } = data.viewer;
  const { isPlatform, canWrite } = rightsFrom(scopes);
  if (isPlatform && !session.organization) return <OrganizationPicker />;
  return <Layout subject={subject} scopes={scopes} isPlatform={isPlatform} canWrite={canWrite} />;
}
