import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from './request-context';
import type { Scope } from './scopes';

/**
 * The organization id of a principal bound to none: a `platform:admin` token (its row's
 * organization_id) or JWT that has not named one with X-Organization. No organization has this id
 * (ids are UUIDs), so nothing scoped to an organization can match it.
 */
export const NO_ORGANIZATION = '';

export const isPlatformAdmin = (principal: Pick<Principal, 'scopes'>): boolean =>
  principal.scopes.includes('platform:admin');

/** What a platform:admin caller holds inside the organization it names: that organization's admin and SCIM rights. */
const ACTING_SCOPES: readonly Scope[] = ['platform:admin', 'identity:admin', 'scim'];

/** The principal a platform:admin caller becomes when it names an organization (X-Organization). */
export function actingIn(principal: Principal, organizationId: string): Principal {
  return { ...principal, organizationId, scopes: ACTING_SCOPES };
}

/** The operator acting for the platform (CLI): organizations, and the platform tokens that belong to none. */
export const platformOperatorContext = (): RequestContext => ({
  principal: { organizationId: NO_ORGANIZATION, subject: 'cli', scopes: ['platform:admin'], kind: 'cli' },
  channel: 'cli',
  requestId: randomUUID(),
});
