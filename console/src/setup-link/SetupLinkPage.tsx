import '../common/console-b.css';
import { useLayoutEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient } from '../api/client';
import { usePageTitle } from '../layout/use-page-title';
import { clearSetupSecret, loadSetupSecret, saveSetupSecret } from './setup-link-store';
import { SetupVisitor } from './SetupVisitor';

/**
 * /admin/setup/<secret>: the secret leaves the address bar before anything else happens (replaced
 * by /admin/setup, so it is not in history, bookmarks or a Referer), and lives in sessionStorage.
 */
export function SetupLinkPage() {
  usePageTitle('Set up your identity provider');
  const { secret: fromUrl } = useParams();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<string | null>(() => {
    if (fromUrl) saveSetupSecret(fromUrl);
    return fromUrl ?? loadSetupSecret();
  });
  useLayoutEffect(() => {
    if (fromUrl) navigate('/setup', { replace: true });
  }, [fromUrl, navigate]);
  const client = useMemo(
    () => (secret ? createApiClient({ token: secret, organization: null }) : null),
    [secret],
  );
  const leave = () => {
    clearSetupSecret();
    setSecret(null);
  };
  if (!client)
    return (
      <main className="sign-in">
        <h1>Set up your identity provider</h1>
        <p role="alert">
          No setup link is open in this tab. Open the link you were sent again (it works until it expires or
          is revoked).
        </p>
      </main>
    );
  return (
    <UrqlProvider value={client}>
      <SetupVisitor onLeave={leave} />
    </UrqlProvider>
  );
}
