import { useId, useState } from 'react';
import type { CombinedError } from 'urql';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { RequestLog } from '../activity/RequestLog';
import { SecretField } from '../common/CopyButton';
import { MutationError } from '../common/MutationError';
import { formatTime } from '../connections/format';
import { KIND_GUIDES, statusLabel } from '../connections/kinds';
import { SetupVisitorQuery, VisitorResetTokenMutation } from './documents';

/** The refusal of an expired or revoked link carries its reason: the page says it in the API's words. */
function linkProblem(error: CombinedError): { message: string; code: string } | null {
  const first = error.graphQLErrors[0];
  const reason = first?.extensions?.reason;
  if (reason === 'setupLinkExpired' || reason === 'setupLinkRevoked')
    return { message: first.message, code: String(first.extensions.code ?? 'UNAUTHENTICATED') };
  if (
    first?.extensions?.code === 'UNAUTHENTICATED' ||
    (error.response as Response | undefined)?.status === 401
  )
    return {
      message: 'This setup link is not valid: ask the admin who sent it for a new one.',
      code: 'UNAUTHENTICATED',
    };
  return null;
}

/** What the visitor of a setup link sees: its one connection's set-up and request log, nothing else. */
export function SetupVisitor({ onLeave }: { onLeave(): void }) {
  const ids = useId();
  const [{ data, error }, refresh] = useQuery({ query: SetupVisitorQuery });
  const [reset, resetToken] = useMutation(VisitorResetTokenMutation);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (error) {
    const problem = linkProblem(error);
    return (
      <main className="sign-in">
        <h1>Set up your identity provider</h1>
        {problem ? (
          <p role="alert" className="error">
            {problem.message} <code>({problem.code})</code>
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        <div className="actions">
          {!problem && (
            <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })}>
              Retry
            </button>
          )}
          <button type="button" className="secondary" onClick={onLeave}>
            Close this setup link
          </button>
        </div>
      </main>
    );
  }
  if (!data) return <p className="loading">Opening the setup link…</p>;
  const connection = data.viewer.connection;
  if (!connection)
    return (
      <main className="sign-in">
        <p role="alert">This setup link has no connection (it may have been deleted).</p>
      </main>
    );
  const guide = KIND_GUIDES[connection.kind];
  const baseUrl = connection.baseUrl + (guide.baseUrlSuffix ?? '');

  const onReset = async () => {
    setConfirming(false);
    const result = await resetToken({ id: connection.id });
    if (result.data) {
      setSecret(result.data.rotateConnectionToken.secret);
      refresh({ requestPolicy: 'network-only' });
    }
  };

  return (
    <>
      <header className="top-bar">
        <span className="brand">Identity provider set-up</span>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={onLeave}>
          Close this setup link
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <section>
          <h1>Set up {connection.name}</h1>
          <p>
            {guide.label} · {statusLabel(connection.status)} · last request{' '}
            {formatTime(connection.lastRequestAt)}
            {data.viewer.setupLink && <> · this link expires {formatTime(data.viewer.setupLink.expiresAt)}</>}
          </p>
          <div className="card">
            <p className="hint">
              In {guide.label}, this is the field &ldquo;{guide.baseUrlField}&rdquo;.
            </p>
            <SecretField id={`${ids}-base`} label="Base URL" value={baseUrl} copyLabel="Copy Base URL" />
            {secret ? (
              <>
                <p className="hint">
                  In {guide.label}, this is the field &ldquo;{guide.tokenField}&rdquo;. It is shown only now:
                  copy it into your identity provider before leaving this page.
                </p>
                <SecretField
                  id={`${ids}-token`}
                  label="API token"
                  value={secret}
                  copyLabel="Copy API token"
                />
              </>
            ) : (
              <p>
                API token:{' '}
                {connection.token ? (
                  <>
                    <code>{connection.token.prefix}…</code> (its secret was shown once, when it was issued;
                    expires {formatTime(connection.tokenExpiresAt)}, last used{' '}
                    {formatTime(connection.tokenLastUsedAt)})
                  </>
                ) : (
                  'none valid yet: issue one with "Reset API token".'
                )}
              </p>
            )}
            {confirming ? (
              <div role="alertdialog" aria-labelledby={`${ids}-confirm`} className="card">
                <p id={`${ids}-confirm`}>
                  Reset the API token? The current token stops working at once: the identity provider must be
                  given the new one. No users or groups are erased.
                </p>
                <div className="actions">
                  <button type="button" className="danger" onClick={() => void onReset()}>
                    Reset now
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <div className="actions">
                <button type="button" disabled={reset.fetching} onClick={() => setConfirming(true)}>
                  Reset API token
                </button>
              </div>
            )}
            <MutationError error={reset.error} context="Resetting the API token failed" />
          </div>
          <h2>Steps</h2>
          <ol className="steps">
            {guide.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
        <RequestLog connectionId={connection.id} links={false} />
      </main>
    </>
  );
}
