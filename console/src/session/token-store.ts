/**
 * The signed-in API token and the chosen organization live in sessionStorage only: gone when the tab
 * closes, never in localStorage, a URL or a cookie.
 */
const TOKEN_KEY = 'identity-console:token';
const ORGANIZATION_KEY = 'identity-console:organization';

export interface StoredSession {
  readonly token: string | null;
  readonly organization: string | null;
}

export function loadSession(): StoredSession {
  return {
    token: sessionStorage.getItem(TOKEN_KEY),
    organization: sessionStorage.getItem(ORGANIZATION_KEY),
  };
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function saveOrganization(organization: string | null): void {
  if (organization === null) sessionStorage.removeItem(ORGANIZATION_KEY);
  else sessionStorage.setItem(ORGANIZATION_KEY, organization);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ORGANIZATION_KEY);
}
