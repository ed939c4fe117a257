import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient } from '../api/client';
import type { Session } from './session-context';
import { SessionContext } from './session-context';
import { clearSession, loadSession, saveOrganization, saveToken } from './token-store';

/** Holds the token and organization, and a GraphQL client bound to them (rebuilt when they change). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState(loadSession);
  const session = useMemo<Session>(
    () => ({
      ...stored,
      signIn: (token) => {
        saveToken(token);
        saveOrganization(null);
        setStored({ token, organization: null });
      },
      signOut: () => {
        clearSession();
        setStored({ token: null, organization: null });
      },
      chooseOrganization: (organization) => {
        saveOrganization(organization);
        setStored((current) => ({ ...current, organization }));
      },
    }),
    [stored],
  );
  const client = useMemo(() => createApiClient(stored), [stored]);
  return (
    <SessionContext.Provider value={session}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}
