import '../common/console-b.css';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { NotFound } from '../common/NotFound';
import { kindLabel, statusLabel } from '../connections/kinds';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { ConnectionHealthQuery } from './documents';
import { HealthFacts } from './HealthFacts';
import { RequestLog } from './RequestLog';
import { SetupLinksPanel } from './SetupLinksPanel';

/** A connection's health, quirks and request log; admins also manage its setup links here. */
export function ConnectionActivityPage() {
  usePageTitle('Connection activity');
  const { id = '' } = useParams();
  const { canWrite } = useRights();
  const [{ data, error, fetching }, refresh] = useQuery({ query: ConnectionHealthQuery, variables: { id } });
  if (error && !data?.connection)
    return <ErrorMessage error={error} context="Loading the connection failed" />;
  if (!data) return <p className="loading">Loading…</p>;
  const connection = data.connection;
  if (!connection)
    return (
      <NotFound
        title="Connection not found"
        message="This connection no longer exists: it may have been deleted, perhaps in another tab."
        back={{ to: '/connections', label: 'Back to connections' }}
      />
    );
  return (
    <section>
      <p>
        <Link to="/connections">← Connections</Link> ·{' '}
        <Link to={`/connections/${connection.id}`}>Set-up</Link>
      </p>
      <div className="page-heading">
        <h1>{connection.name}: activity</h1>
        <button
          type="button"
          className="secondary"
          disabled={fetching}
          onClick={() => refresh({ requestPolicy: 'network-only' })}
        >
          Refresh health
        </button>
      </div>
      <p>
        {kindLabel(connection.kind)} ·{' '}
        <span className={`status status-${connection.status.toLowerCase()}`}>
          {statusLabel(connection.status)}
        </span>
      </p>
      {error && <ErrorMessage error={error} context="Refreshing the connection failed" />}
      <HealthFacts connection={connection} />
      <RequestLog connectionId={connection.id} links />
      {canWrite && <SetupLinksPanel connectionId={connection.id} />}
    </section>
  );
}
