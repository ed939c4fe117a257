import { createContext, useContext } from 'react';

/** What the signed-in token may do, from `viewer { scopes }`: pages render write controls only when `canWrite`. */
export interface Rights {
  readonly subject: string;
  readonly scopes: readonly string[];
  /** identity:admin (or platform:admin acting on an organization): create, change, delete. */
  readonly canWrite: boolean;
  /** platform:admin: may pick the organization it acts on. */
  readonly isPlatform: boolean;
  readonly organization: { readonly id: string; readonly slug: string; readonly name: string };
}

export function rightsFrom(scopes: readonly string[]): Pick<Rights, 'canWrite' | 'isPlatform'> {
  const isPlatform = scopes.includes('platform:admin');
  return { isPlatform, canWrite: isPlatform || scopes.includes('identity:admin') };
}

export const RightsContext = createContext<Rights | null>(null);

export function useRights(): Rights {
  const rights = useContext(RightsContext);
  if (!rights) throw new Error('useRights outside a signed-in page');
  return rights;
}
