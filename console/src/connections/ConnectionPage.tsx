import { useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { usePageTitle } from '../layout/use-page-title';
import { ConnectionSetupQuery } from './documents';
import { kindLabel, statusLabel } from './kinds';

export function ConnectionPage() {
  usePageTitle('Connection');
  const { id = '' } = useParams();
  const [{ data, error }] = useQuery({ query: ConnectionSetupQuery, variables: { id } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const connection = data.connection;
  if (!connection) return <p role="alert">This connection no longer exists.</p>;
  return (
    <section>
      <h1>{connection.name}</h1>
      <p>
        {kindLabel(connection.kind)} · {statusLabel(connection.status)}
      </p>
    </section>
  );
}
