import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { RequestLog } from '../activity/RequestLog';
import { ErrorMessage } from '../api/ErrorMessage';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { ConnectionActions } from './ConnectionActions';
import { ConnectionSetup } from './ConnectionSetup';
import { ConnectionSetupQuery } from './documents';
import { formatTime } from './format';
import { kindLabel, statusLabel } from './kinds';
import { LiveStatus } from './LiveStatus';
import { ResetTokenButton } from './ResetTokenButton';

/**
 * One connection: its set-up (Base URL, steps, a token only right after a reset), live status, its
 * latest requests and the admin's actions. A connection deleted elsewhere shows as such, with a way back.
 */
export function ConnectionPage() {
  usePageTitle('Connection');
  const { id = '' } = useParams();
  const { canWrite } = useRights();
  const [secret, setSecret] = useState<string | null>(null);
  const [{ data, error }, refresh] = useQuery({ query: ConnectionSetupQuery, variables: { id } });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  if (error && !data) return <ErrorMessage error={error} context="Loading the connection failed" />;
  if (!data) return <p className="loading">Loading…</p>;
  const connection = data.connection;
  if (!connection)
    return (
      <section>
        <h1>Connection not found</h1>
        <p role="alert">
          This connection no longer exists: it may have been deleted, perhaps in another tab.
        </p>
        <Link to="/connections">Back to connections</Link>
      </section>
    );
  return (
    <section>
      <p>
        <Link to="/connections">← Connections</Link> ·{' '}
        <Link to={`/connections/${connection.id}/activity`}>Health and request log</Link>
      </p>
      <h1>{connection.name}</h1>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{kindLabel(connection.kind)}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`status status-${connection.status.toLowerCase()}`}>
            {statusLabel(connection.status)}
          </span>
        </dd>
        <dt>Token</dt>
        <dd>
          {connection.token ? (
            <>
              <code>{connection.token.prefix}…</code>, expires {formatTime(connection.tokenExpiresAt)}, last
              used {formatTime(connection.tokenLastUsedAt)}
            </>
          ) : (
            'none valid (revoked or expired): reset the API token to issue one'
          )}
        </dd>
      </dl>
      {error && <ErrorMessage error={error} context="Refreshing the connection failed" />}
      <ConnectionSetup connection={connection} secret={secret} />
      {canWrite && (
        <div className="actions">
          <ResetTokenButton connection={connection} onIssued={setSecret} />
        </div>
      )}
      <LiveStatus connectionId={connection.id} />
      <RequestLog connectionId={connection.id} links compact />
      {canWrite && <ConnectionActions connection={connection} onChanged={reload} />}
    </section>
  );
}
