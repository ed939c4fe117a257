import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { graphql } from '../gql';
import { formatTime } from './format';

const ConnectionActivityQuery = graphql(`
  query ConnectionActivity($id: ID!) {
    connection(id: $id) {
      id
      lastRequestAt
      lastSuccessAt
      lastErrorAt
      lastError {
        status
        detail
      }
    }
  }
`);

const POLL_MS = 2_000;

/** Polls the connection's health until the IdP's first request (its credential test) arrives. */
export function LiveStatus({ connectionId }: { connectionId: string }) {
  const [{ data, error }, refresh] = useQuery({
    query: ConnectionActivityQuery,
    variables: { id: connectionId },
    requestPolicy: 'network-only',
  });
  const connection = data?.connection;
  const connected = Boolean(connection?.lastRequestAt);
  useEffect(() => {
    if (connected) return;
    const timer = setInterval(() => refresh({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [connected, refresh]);

  return (
    <section aria-labelledby="live-status-heading" className="card">
      <h2 id="live-status-heading">Status</h2>
      <div role="status" aria-live="polite">
        {data && !connection && <p className="error">This connection no longer exists.</p>}
        {connection && !connected && <p>Waiting for the first request from the identity provider…</p>}
        {connection && connected && (
          <p className="success">
            Connected: first request received{' '}
            <span className="muted">(last request {formatTime(connection.lastRequestAt)})</span>
          </p>
        )}
        {connection?.lastError && (
          <p className="muted">
            Last error: {connection.lastError.status} — {connection.lastError.detail} (
            {formatTime(connection.lastErrorAt)})
          </p>
        )}
      </div>
      {error && <ErrorMessage error={error} context="Checking the connection failed" />}
    </section>
  );
}
