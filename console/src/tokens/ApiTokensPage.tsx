import '../common/console-b.css';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { SecretField } from '../common/CopyButton';
import { MutationError } from '../common/MutationError';
import { formatTime } from '../connections/format';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from './documents';

/** Scopes an organization's token may hold (platform:admin is made by the CLI only). */
const SCOPES = [
  { scope: 'identity:read', help: 'read users, groups and tokens' },
  { scope: 'identity:write', help: 'also create and change users and groups' },
  { scope: 'identity:admin', help: 'everything in this organization' },
  { scope: 'scim', help: 'an identity provider provisioning over SCIM' },
];
const EXPIRATIONS = [
  { value: 'never', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '365 days' },
];

/** The seed's "Generate a new API key": name, scopes, expiration (incl. Never), copy once, revoke. */
export function ApiTokensPage() {
  usePageTitle('API tokens');
  const ids = useId();
  const { canWrite } = useRights();
  const [{ data, error }, refresh] = useQuery({ query: ApiTokensQuery });
  const [created, create] = useMutation(CreateApiTokenMutation);
  const [revoked, revoke] = useMutation(RevokeApiTokenMutation);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['identity:read']);
  const [expiration, setExpiration] = useState('never');
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Give the key a name.');
    if (scopes.length === 0) return setProblem('Choose at least one scope.');
    setProblem(null);
    const expiresAt =
      expiration === 'never' ? null : new Date(Date.now() + Number(expiration) * 86_400_000).toISOString();
    const result = await create({ input: { name: name.trim(), scopes, expiresAt } });
    if (result.data) {
      setSecret({ name: result.data.createApiToken.token.name, value: result.data.createApiToken.secret });
      setName('');
      refresh({ requestPolicy: 'network-only' });
    }
  };
  const onRevoke = async (id: string) => {
    const result = await revoke({ id });
    if (result.data) refresh({ requestPolicy: 'network-only' });
  };
  const toggle = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <section>
      <h1>API tokens</h1>
      {canWrite && (
        <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby={`${ids}-new`}>
          <h2 id={`${ids}-new`}>Generate a new API key</h2>
          <label htmlFor={`${ids}-name`}>Name</label>
          <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} />
          <fieldset>
            <legend>Scopes</legend>
            {SCOPES.map(({ scope, help }) => (
              <label key={scope} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                />
                <code>{scope}</code> <span className="muted">— {help}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${ids}-expiration`}>Expiration</label>
          <select
            id={`${ids}-expiration`}
            value={expiration}
            onChange={(event) => setExpiration(event.target.value)}
          >
            {EXPIRATIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {problem && (
            <p role="alert" className="error">
              {problem} <code>(BAD_USER_INPUT)</code>
            </p>
          )}
          <MutationError error={created.error} context="Generating the key failed" />
          <div className="actions">
            <button type="submit" disabled={created.fetching}>
              Generate key
            </button>
          </div>
        </form>
      )}
      {secret && (
        <div className="card" aria-live="polite">
          <p>
            The key &ldquo;{secret.name}&rdquo;: copy it now. It is shown only once, and is gone when you
            leave this page.
          </p>
          <SecretField
            id={`${ids}-secret`}
            label="API token"
            value={secret.value}
            copyLabel="Copy API token"
          />
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            Done, hide it
          </button>
        </div>
      )}
      <MutationError error={revoked.error} context="Revoking the key failed" />
      {error && <ErrorMessage error={error} context="Loading API tokens failed" />}
      {data && data.apiTokens.length === 0 && <p>No API tokens.</p>}
      {data && data.apiTokens.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {data.apiTokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    {token.name}
                    {token.connectionId && <span className="muted"> (connection)</span>}
                  </th>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>{formatTime(token.expiresAt)}</td>
                  <td>{formatTime(token.lastUsedAt)}</td>
                  <td>
                    {token.revokedAt ? (
                      `Revoked ${formatTime(token.revokedAt)}`
                    ) : canWrite ? (
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Revoke ${token.name}`}
                        disabled={revoked.fetching}
                        onClick={() => void onRevoke(token.id)}
                      >
                        Revoke
                      </button>
                    ) : (
                      'Active'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
