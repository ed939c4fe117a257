import type { ConnectionKind } from '../gql/graphql';
import { CopyField } from './CopyField';
import { KIND_GUIDES } from './kinds';

export interface SetupConnection {
  readonly kind: ConnectionKind;
  readonly baseUrl: string;
}

/**
 * What the IdP admin copies: the Base URL, the API token (only while this page holds a secret just
 * issued; it lives in component state, so leaving the page masks it for good), and the IdP's own
 * steps naming its own fields.
 */
export function ConnectionSetup({
  connection,
  secret,
}: {
  connection: SetupConnection;
  secret: string | null;
}) {
  const guide = KIND_GUIDES[connection.kind];
  return (
    <section className="card" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Set up {guide.label}</h2>
      <CopyField label="Base URL" value={connection.baseUrl} copyLabel="Copy Base URL" />
      <p className="hint">
        In {guide.label} this is the <strong>{guide.baseUrlField}</strong>
        {guide.baseUrlSuffix ? (
          <>
            {' '}
            (followed by <code>{guide.baseUrlSuffix}</code>)
          </>
        ) : null}
        .
      </p>
      {secret ? (
        <>
          <CopyField label="API token" value={secret} copyLabel="Copy API token" />
          <p className="hint">
            In {guide.label} this is the <strong>{guide.tokenField}</strong>. It is shown only now: once you
            leave this page it cannot be shown again (use Reset API token to issue a new one).
          </p>
        </>
      ) : (
        <p className="hint">
          API token: hidden. It was shown once, when it was issued; use <strong>Reset API token</strong> to
          issue a new one.
        </p>
      )}
      <h3>Steps in {guide.label}</h3>
      <ol className="steps">
        {guide.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </section>
  );
}
