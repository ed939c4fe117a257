import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { ConnectionsQuery } from './documents';
import { formatTime } from './format';
import { kindLabel, statusLabel } from './kinds';

/** Every identity-provider app of the organization: kind, status, last request and 24 h counts. */
export function ConnectionsPage() {
  usePageTitle('Connections');
  const { canWrite } = useRights();
  const navigate = useNavigate();
  const [{ data, error, fetching }, refresh] = useQuery({ query: ConnectionsQuery });
  return (
    <section>
      <div className="page-heading">
        <h1>Connections</h1>
        {canWrite && (
          <button type="button" onClick={() => navigate('/connections/new')}>
            Add connection
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} context="Loading connections failed" />}
      {data && data.connections.length === 0 && <p>No connections yet.</p>}
      {data && data.connections.length > 0 && (
        <div className="table-scroll">
          <table className="stack-on-phone">
            <caption className="visually-hidden">Connections</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Last request</th>
                <th scope="col">24 h: OK / client errors / server errors</th>
              </tr>
            </thead>
            <tbody>
              {data.connections.map((connection) => (
                <tr key={connection.id}>
                  <th scope="row">
                    <Link to={`/connections/${connection.id}`}>{connection.name}</Link>
                  </th>
                  <td data-label="Kind">{kindLabel(connection.kind)}</td>
                  <td data-label="Status">
                    <span className={`status status-${connection.status.toLowerCase()}`}>
                      {statusLabel(connection.status)}
                    </span>
                  </td>
                  <td data-label="Last request">{formatTime(connection.lastRequestAt)}</td>
                  <td data-label="24 h: OK / client / server errors">
                    {connection.requestCounts.ok} / {connection.requestCounts.clientError} /{' '}
                    {connection.requestCounts.serverError}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button
        type="button"
        className="secondary"
        disabled={fetching}
        onClick={() => refresh({ requestPolicy: 'network-only' })}
      >
        Refresh
      </button>
    </section>
  );
}
