import { randomUUID } from 'node:crypto';
import type { RequestContext } from './domain/auth/request-context';
import type { Services } from './domain/services';
import { isDomainError } from './errors';

export interface BootstrapSettings {
  readonly organizationSlug: string;
  readonly adminToken?: string;
  readonly scimToken?: string;
}

export interface BootstrapResult {
  readonly organizationSlug: string;
  /** Secrets generated now (not given in the environment): shown once, never again. */
  readonly generated: { readonly admin?: string; readonly scim?: string };
}

export const operatorContext = (organizationId: string): RequestContext => ({
  principal: { organizationId, subject: 'cli', scopes: ['identity:admin'], kind: 'cli' },
  channel: 'cli',
  requestId: randomUUID(),
});

/**
 * First start: on an empty database, create the default organization with an admin token and its
 * "default" GENERIC_SCIM2 connection, whose token is the SCIM token. Returns null when the database already had an organization (nothing is printed then).
 */
export async function bootstrapFirstStart(
  services: Services,
  settings: BootstrapSettings,
): Promise<BootstrapResult | null> {
  if (!(await services.organizations.isEmpty())) return null;
  let organizationId: string;
  try {
    organizationId = (await services.organizations.create(settings.organizationSlug, 'Default organization'))
      .id;
  } catch (error) {
    // Another instance starting against the same empty database won the race.
    if (isDomainError(error) && error.code === 'CONFLICT') return null;
    throw error;
  }
  const ctx = operatorContext(organizationId);
  const admin = await services.tokens.create(ctx, {
    name: 'bootstrap admin',
    scopes: ['identity:admin'],
    secret: settings.adminToken,
  });
  // The SCIM token belongs to the organization's first connection, so its traffic is attributed.
  const scim = await services.connections.create(ctx, {
    name: 'default',
    kind: 'GENERIC_SCIM2',
    secret: settings.scimToken,
  });
  return {
    organizationSlug: settings.organizationSlug,
    generated: {
      admin: settings.adminToken ? undefined : admin.secret,
      scim: settings.scimToken ? undefined : scim.secret,
    },
  };
}
