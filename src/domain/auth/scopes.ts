import { DomainError } from '../../errors';

export const SCOPES = [
  'identity:read',
  'identity:write',
  'identity:admin',
  'scim',
  'platform:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What an operation needs. Scopes grant permissions; `identity:admin` implies everything inside its
 * organization; `platform` (managing organizations themselves) is granted by `platform:admin` only.
 */
export type Permission = 'read' | 'write' | 'admin' | 'platform';

const GRANTS: Record<Scope, readonly Permission[]> = {
  'identity:read': ['read'],
  'identity:write': ['read', 'write'],
  'identity:admin': ['read', 'write', 'admin'],
  // An identity provider provisions users and groups: it reads and writes them, nothing more.
  scim: ['read', 'write'],
  // The platform that embeds this service: organizations only, until it names one (X-Organization).
  'platform:admin': ['platform'],
};

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

export function parseScopes(values: readonly string[]): Scope[] {
  const unknown = values.filter((value) => !isScope(value));
  if (unknown.length > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `Unknown scope ${unknown.join(', ')}; expected ${SCOPES.join(', ')}`,
      {
        field: 'scopes',
      },
    );
  }
  if (values.length === 0)
    throw new DomainError('BAD_USER_INPUT', 'At least one scope is required', { field: 'scopes' });
  return [...new Set(values as Scope[])];
}

export const grants = (scopes: readonly Scope[], permission: Permission): boolean =>
  scopes.some((scope) => GRANTS[scope].includes(permission));
