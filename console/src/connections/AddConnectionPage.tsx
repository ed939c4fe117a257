import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from 'urql';
import { RequestLog } from '../activity/RequestLog';
import { ErrorMessage } from '../api/ErrorMessage';
import type { ConnectionKind, CreateConnectionMutation as Created } from '../gql/graphql';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { ConnectionSetup } from './ConnectionSetup';
import { CreateConnectionMutation } from './documents';
import { KIND_CHOICES, KIND_GUIDES } from './kinds';
import { LiveStatus } from './LiveStatus';

const EXPIRY_CHOICES = [
  { label: 'Never', days: null },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '365 days', days: 365 },
] as const;

/**
 * Add connection: identity provider → Name → token expiry; then the Base URL, the API token (held
 * in this component's state only) and the IdP's steps, with a live status and the requests as they
 * arrive.
 */
export function AddConnectionPage() {
  usePageTitle('Add connection');
  const { canWrite } = useRights();
  const [issued, setIssued] = useState<Created['createConnection'] | null>(null);
  if (!canWrite)
    return (
      <section>
        <h1>Add connection</h1>
        <p role="alert">This API token is read-only: adding a connection needs identity:admin.</p>
      </section>
    );
  if (!issued) return <AddConnectionForm onCreated={setIssued} />;
  const { connection, secret } = issued;
  return (
    <section>
      <h1>{connection.name}</h1>
      <p>
        Created. Copy the Base URL and the API token into {KIND_GUIDES[connection.kind].label} now: the token
        is not shown again once you leave this page.
      </p>
      <ConnectionSetup connection={connection} secret={secret} />
      <LiveStatus connectionId={connection.id} />
      <RequestLog connectionId={connection.id} links compact />
      <p>
        <Link to={`/connections/${connection.id}`}>Done: open the connection</Link>
      </p>
    </section>
  );
}

function AddConnectionForm({ onCreated }: { onCreated: (issued: Created['createConnection']) => void }) {
  const ids = useId();
  const [kind, setKind] = useState<ConnectionKind>('OKTA_SCIM2');
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('never');
  const [nameMissing, setNameMissing] = useState(false);
  const [{ fetching, error }, create] = useMutation(CreateConnectionMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    const days = expiry === 'never' ? null : Number(expiry);
    const result = await create({ input: { kind, name: name.trim(), tokenExpiresInDays: days } });
    if (result.data) onCreated(result.data.createConnection);
  };

  return (
    <section>
      <h1>Add connection</h1>
      <form onSubmit={(event) => void submit(event)} className="card" noValidate>
        <fieldset>
          <legend>Identity provider</legend>
          {KIND_CHOICES.map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="kind"
                value={choice}
                checked={kind === choice}
                onChange={() => setKind(choice)}
              />
              {KIND_GUIDES[choice].label}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameMissing || undefined}
          aria-describedby={`${ids}-name-hint`}
        />
        <p id={`${ids}-name-hint`} className={nameMissing ? 'error' : 'hint'}>
          {nameMissing
            ? 'Enter a name (BAD_USER_INPUT).'
            : 'For example the name of the app in your identity provider.'}
        </p>
        <label htmlFor={`${ids}-expiry`}>Token expiry</label>
        <select id={`${ids}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.days ?? 'never'}>
              {choice.label}
            </option>
          ))}
        </select>
        {error && <ErrorMessage error={error} context="Adding the connection failed" />}
        <div className="actions">
          <button type="submit" disabled={fetching}>
            Add connection
          </button>
          <Link to="/connections">Cancel</Link>
        </div>
      </form>
    </section>
  );
}
