import { createContext, useContext } from 'react';

export interface Session {
  readonly token: string | null;
  /** The organization a platform:admin token acts on (sent as X-Organization). */
  readonly organization: string | null;
  signIn(token: string): void;
  signOut(): void;
  chooseOrganization(organization: string | null): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
