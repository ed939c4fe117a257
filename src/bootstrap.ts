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
 * "default" GENERIC_SCIM2 connection, whose token is the SCIM token — in one transaction, so a
 * start killed half-way leaves nothing and the next start creates (and prints) them. Returns null
 * when the database already had an organization (nothing is printed then).
 */
export async function bootstrapFirstStart(
  services: Services,
  settings: BootstrapSettings,
): Promise<BootstrapResult | null> {
  if (!(await services.organizations.isEmpty())) return null;
  try {
    const { result } = await services.organizations.createWith(
      settings.organizationSlug,
      'Default organization',
      async (tx, organization) => {
        const ctx = operatorContext(organization.id);
        const admin = await services.tokens.issueIn(tx, ctx, {
          name: 'bootstrap admin',
          scopes: ['identity:admin'],
          secret: settings.adminToken,
        });
        // The SCIM token belongs to the organization's first connection, so its traffic is attributed.
        const scim = await services.connections.createIn(tx, ctx, {
          name: 'default',
          kind: 'GENERIC_SCIM2',
          secret: settings.scimToken,
        });
        return { admin: admin.secret, scim: scim.secret };
      },
    );
    return {
      organizationSlug: settings.organizationSlug,
      generated: {
        admin: settings.adminToken ? undefined : result.admin,
        scim: settings.scimToken ? undefined : result.scim,
      },
    };
  } catch (error) {
    // Another instance starting against the same empty database won the race.
    if (isDomainError(error) && error.code === 'CONFLICT') return null;
    throw error;
  }
}
