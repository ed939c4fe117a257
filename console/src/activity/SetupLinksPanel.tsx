import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { SecretField } from '../common/CopyButton';
import { MutationError } from '../common/MutationError';
import { formatTime } from '../connections/format';
import { CreateSetupLinkMutation, RevokeSetupLinkMutation, SetupLinksQuery } from './documents';

const clock = (): number => Date.now();

const EXPIRIES = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
];

/**
 * Admins only: a link for the customer's IT admin, who has no account here, to set up this one
 * connection. The URL holds its secret: shown once, here, with a copy button.
 */
export function SetupLinksPanel({ connectionId }: { connectionId: string }) {
  const ids = useId();
  const [hours, setHours] = useState(72);
  const [url, setUrl] = useState<string | null>(null);
  // When the list was last loaded: links past their expiry then show as expired.
  const [now, setNow] = useState(clock);
  const [{ data, error }, refresh] = useQuery({ query: SetupLinksQuery, variables: { connectionId } });
  const [created, create] = useMutation(CreateSetupLinkMutation);
  const [revoked, revoke] = useMutation(RevokeSetupLinkMutation);

  const onCreate = async () => {
    const result = await create({ connectionId, expiresInHours: hours });
    if (result.data) {
      setUrl(result.data.createSetupLink.url);
      setNow(clock());
      refresh({ requestPolicy: 'network-only' });
    }
  };
  const onRevoke = async (id: string) => {
    const result = await revoke({ id });
    if (result.data) {
      setNow(clock());
      refresh({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Setup links</h2>
      <p className="hint">
        A setup link lets someone without an account here (your customer&apos;s IT admin) open this
        connection&apos;s set-up page, reset its API token and read its request log — nothing else.
      </p>
      <div className="filters">
        <div>
          <label htmlFor={`${ids}-expiry`}>Link expires after</label>
          <select
            id={`${ids}-expiry`}
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {EXPIRIES.map((expiry) => (
              <option key={expiry.hours} value={expiry.hours}>
                {expiry.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="button" disabled={created.fetching} onClick={() => void onCreate()}>
            Create setup link
          </button>
        </div>
      </div>
      <MutationError error={created.error} context="Creating the setup link failed" />
      {url && (
        <div className="card">
          <SecretField id={`${ids}-url`} label="Setup link" value={url} copyLabel="Copy setup link" />
          <p className="hint">Shown only now: send it to the person setting up the identity provider.</p>
        </div>
      )}
      <MutationError error={revoked.error} context="Revoking the setup link failed" />
      {error && <ErrorMessage error={error} context="Loading setup links failed" />}
      {data && data.setupLinks.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Setup links, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Uses</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {data.setupLinks.map((link) => {
                const expired = new Date(link.expiresAt).getTime() <= now;
                return (
                  <tr key={link.id}>
                    <td>
                      {formatTime(link.createdAt)} <span className="muted">by {link.createdBy}</span>
                    </td>
                    <td>{formatTime(link.expiresAt)}</td>
                    <td>{link.useCount}</td>
                    <td>{formatTime(link.lastUsedAt)}</td>
                    <td>
                      {link.revokedAt ? (
                        `Revoked ${formatTime(link.revokedAt)}`
                      ) : expired ? (
                        'Expired'
                      ) : (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`Revoke setup link created ${formatTime(link.createdAt)}`}
                          disabled={revoked.fetching}
                          onClick={() => void onRevoke(link.id)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
